using Engine.Bench.Workloads;

namespace Engine.RingReference;

/// <summary>
/// Our ring and the reference's, 1P-1C, one event at a time and in batches of ten, measured in
/// turns in one process. Ratios above 1 mean ours moved more events per second.
/// </summary>
/// <param name="WaitStrategy">The wait strategy both consumers ran.</param>
/// <param name="ReferenceVersion">The reference package's version.</param>
/// <param name="RunsPerRound">Measured runs of each workload in each round.</param>
/// <param name="Ours">Our ring, one event at a time.</param>
/// <param name="Reference">The reference's, one event at a time.</param>
/// <param name="OursBatch">Our ring, ten at a time.</param>
/// <param name="ReferenceBatch">The reference's, ten at a time.</param>
public sealed record RingReferenceResult(
    string WaitStrategy,
    string ReferenceVersion,
    int RunsPerRound,
    WorkloadMeasurement Ours,
    WorkloadMeasurement Reference,
    WorkloadMeasurement OursBatch,
    WorkloadMeasurement ReferenceBatch)
{
    /// <summary>Our median over the reference's, one event at a time.</summary>
    public double UnicastRatio => Ours.OpsPerSecond / Reference.OpsPerSecond;

    /// <summary>Our median over the reference's, ten at a time.</summary>
    public double BatchRatio => OursBatch.OpsPerSecond / ReferenceBatch.OpsPerSecond;

    /// <summary>Each round's ratio of medians, one event at a time: the spread says how far one run can be trusted.</summary>
    public IReadOnlyList<double> UnicastRoundRatios => RoundRatios(Ours, Reference);

    /// <summary>Each round's ratio of medians, ten at a time.</summary>
    public IReadOnlyList<double> BatchRoundRatios => RoundRatios(OursBatch, ReferenceBatch);

    private IReadOnlyList<double> RoundRatios(WorkloadMeasurement ours, WorkloadMeasurement reference)
    {
        var oursRounds = RoundMedians(ours);
        var referenceRounds = RoundMedians(reference);
        return oursRounds.Zip(referenceRounds, (o, r) => o / r).ToArray();
    }

    /// <summary>The median of each round's runs of <paramref name="measurement"/>.</summary>
    public IReadOnlyList<double> RoundMedians(WorkloadMeasurement measurement)
    {
        var rates = measurement.RunRates ?? [];
        return rates.Chunk(RunsPerRound).Select(round => round.Order().ElementAt(round.Length / 2)).ToArray();
    }
}
