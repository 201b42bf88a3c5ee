using Engine.Bench.Workloads;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Journal.Reading;
using Engine.Ring;

namespace Engine.Tests.Bench;

/// <summary>
/// The one-core variant of <c>bench pipeline</c> runs the very pipeline with both its threads on
/// one core: the same decisions as the ordinary replay, the logic thread placed on that core, and
/// no measurement at all (rather than a wrong one) where the core cannot be had.
/// </summary>
public sealed class OneCoreReplayTests
{
    [Fact]
    public void BothThreadsOnOneCoreMakeTheSameDecisionsAndTheLogicThreadIsPlacedThere()
    {
        int core = CpuAffinity.AllowedCores[0];
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string folder = Path.Combine(Path.GetTempPath(), $"one-core-replay-{Guid.NewGuid():N}");
        try
        {
            var run = PipelineBenchmark.Generate(config, folder, 100_000, 500, false, _ => { });
            var options = TradingPipelineOptions.SingleProducerFused("test");
            var spread = PipelineBenchmark.Replay(run, registry, options, JournalReader.Open(folder), 0, long.MaxValue, null);
            var single = PipelineBenchmark.OnOneCore(run, registry, options, JournalReader.Open(folder), core);
            if (!CpuAffinity.IsSupported)
            {
                Assert.Null(single);
                return;
            }

            Assert.NotNull(single);
            Assert.True(spread.Intents > 0, "no intents: the comparison would be empty");
            Assert.Equal((spread.Ticks, spread.Intents, spread.Orders), (single.Ticks, single.Intents, single.Orders));
            Assert.Contains($"logic@{core}", single.Placement, StringComparison.Ordinal);
            Assert.DoesNotContain($"logic@{core}", spread.Placement, StringComparison.Ordinal);
            Assert.InRange(single.OtherBusy, 0, Environment.ProcessorCount);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void ACoreThisProcessMayNotUseGivesNoMeasurement()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string folder = Path.Combine(Path.GetTempPath(), $"one-core-refused-{Guid.NewGuid():N}");
        try
        {
            var run = PipelineBenchmark.Generate(config, folder, 1_000, 500, false, _ => { });
            Assert.Null(PipelineBenchmark.OnOneCore(run, registry, TradingPipelineOptions.SingleProducerFused("test"), JournalReader.Open(folder), 1023));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
