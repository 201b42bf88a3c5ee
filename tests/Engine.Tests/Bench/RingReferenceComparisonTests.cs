using System.Text.Json;
using Engine.Bench.Workloads;
using Engine.Ring;
using Engine.RingReference;

namespace Engine.Tests.Bench;

/// <summary>
/// The comparison with the reference implementation moves the same events over both rings, pairs
/// their rounds, and refuses a wait strategy the two rings do not share. Its figures belong to
/// the benchmark; these tests check only what it counts.
/// </summary>
public sealed class RingReferenceComparisonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void TheReferenceRingHandsOnEveryEventOnceWithTheValueItWasGiven(int publishBatch)
    {
        using var workload = new DisruptorNetWorkload(WaitStrategyKind.Yielding, publishBatch);
        workload.Start();

        // Neither count is a multiple of ten, so the batch publisher's tail runs too.
        workload.Run(1_003);
        workload.Run(997);

        Assert.Equal(2_000, workload.Handled);
        Assert.Equal((1_002L * 1_003 / 2) + (996L * 997 / 2), workload.Sum);
        Assert.InRange(workload.Batches, 1, 2_000);
    }

    [Fact]
    public void AShortComparisonMeasuresAllFourWorkloadsInEveryRoundAndReportsThem()
    {
        var messages = new List<string>();
        var result = new RingReferenceComparison(WaitStrategyKind.Yielding, runs: 2, rounds: 3, TimeSpan.FromMilliseconds(20), messages.Add).Run();

        Assert.Equal("6.0.1", result.ReferenceVersion);
        Assert.Equal(["ring", "disruptor-net", "ring-batch-10", "disruptor-net-batch-10"], new[] { result.Ours, result.Reference, result.OursBatch, result.ReferenceBatch }.Select(m => m.Transport));
        foreach (var measured in new[] { result.Ours, result.Reference, result.OursBatch, result.ReferenceBatch })
        {
            Assert.Equal(6, measured.RunRates!.Count);
            Assert.All(measured.RunRates, rate => Assert.True(rate > 0));
            Assert.True(measured.AverageBatchSize >= 1, $"{measured.Transport}: {measured.AverageBatchSize} events per batch");
        }

        Assert.Equal(3, result.UnicastRoundRatios.Count);
        Assert.Equal(3, result.BatchRoundRatios.Count);
        Assert.Contains(messages, m => m.Contains("disruptor-net-batch-10", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(RingReferenceReport.ToJson(result, TimeSpan.FromSeconds(1)));
        var root = json.RootElement;
        Assert.Equal("ring-reference", root.GetProperty("benchmark").GetString());
        Assert.Equal("yielding", root.GetProperty("wait_strategy").GetString());
        Assert.Equal(result.UnicastRatio, root.GetProperty("unicast_ratio").GetDouble(), 3);
        Assert.Equal(3, root.GetProperty("batch_10").GetProperty("round_ratios").GetArrayLength());
        Assert.Equal(result.ReferenceBatch.OpsPerSecond, root.GetProperty("batch_10").GetProperty("reference_ops_per_sec").GetDouble(), 0);
        Assert.Contains("batches of 10", RingReferenceReport.ToText(result, TimeSpan.FromSeconds(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void EachRoundIsTheMedianOfItsOwnRunsAndItsRatioPairsTheSameRound()
    {
        static WorkloadMeasurement Measured(string transport, params double[] rates) => new(transport, 1_000, rates.Order().ElementAt(rates.Length / 2), rates.Max(), 0, 1, rates);
        var ours = Measured("ring", 1, 3, 2, 40, 10, 30);
        var reference = Measured("disruptor-net", 1, 1, 1, 10, 10, 10);
        var result = new RingReferenceResult("yielding", "6.0.1", 3, ours, reference, ours, reference);

        Assert.Equal([2.0, 30.0], result.RoundMedians(ours));
        Assert.Equal([2.0, 3.0], result.UnicastRoundRatios);
    }

    [Theory]
    [InlineData("--wait", "blocking")]
    [InlineData("--wait", "phased")]
    [InlineData("--rounds", "0")]
    [InlineData("--run-ms", "five")]
    [InlineData("--runs")]
    [InlineData("--warmup", "1")]
    public void BadArgumentsExitWithTwoBeforeAnythingRuns(params string[] args)
    {
        Assert.Equal(2, Engine.RingReference.Program.Main(args));
    }
}
