namespace Engine.Bench.Workloads;

/// <summary>The ring against the standard queues on one topology, measured in the same run.</summary>
/// <param name="Topology">The topology.</param>
/// <param name="WaitStrategy">The ring's wait strategy.</param>
/// <param name="WaitStrategyReason">Why that strategy.</param>
/// <param name="Ring">The ring's measurement.</param>
/// <param name="Channel">The bounded channel's measurement.</param>
/// <param name="BlockingCollection">The blocking collection's, for 1P-1C only.</param>
public sealed record TopologyResult(Topology Topology, string WaitStrategy, string WaitStrategyReason, WorkloadMeasurement Ring, WorkloadMeasurement Channel, WorkloadMeasurement? BlockingCollection)
{
    /// <summary>Ring throughput over channel throughput.</summary>
    public double Ratio => Channel.OpsPerSecond > 0 ? Ring.OpsPerSecond / Channel.OpsPerSecond : double.NaN;
}
