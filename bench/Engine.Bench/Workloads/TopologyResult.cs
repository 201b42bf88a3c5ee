namespace Engine.Bench.Workloads;

/// <summary>The ring against the standard queues on one topology, measured in the same run.</summary>
/// <param name="Topology">The topology.</param>
/// <param name="WaitStrategy">The ring's wait strategy.</param>
/// <param name="WaitStrategyReason">Why that strategy.</param>
/// <param name="Ring">The ring's measurement, each consumer's loop compiled for its handler.</param>
/// <param name="InterfaceRing">The same ring with every handler called through the interface.</param>
/// <param name="Channel">The bounded channel's measurement.</param>
/// <param name="BlockingCollection">The blocking collection's, for 1P-1C only.</param>
/// <param name="Batch">For 1P-1C: the ring with the producer publishing ten slots at a time.</param>
/// <param name="InterfaceBatch">For 1P-1C: the same through the interface.</param>
public sealed record TopologyResult(
    Topology Topology,
    string WaitStrategy,
    string WaitStrategyReason,
    WorkloadMeasurement Ring,
    WorkloadMeasurement InterfaceRing,
    WorkloadMeasurement Channel,
    WorkloadMeasurement? BlockingCollection,
    WorkloadMeasurement? Batch,
    WorkloadMeasurement? InterfaceBatch)
{
    /// <summary>Ring throughput over channel throughput.</summary>
    public double Ratio => Channel.OpsPerSecond > 0 ? Ring.OpsPerSecond / Channel.OpsPerSecond : double.NaN;

    /// <summary>The specialised loop's throughput over the interface loop's.</summary>
    public double SpecialisationRatio => InterfaceRing.OpsPerSecond > 0 ? Ring.OpsPerSecond / InterfaceRing.OpsPerSecond : double.NaN;

    /// <summary>The same for batches of ten.</summary>
    public double BatchSpecialisationRatio => Batch is { } b && InterfaceBatch is { } i && i.OpsPerSecond > 0 ? b.OpsPerSecond / i.OpsPerSecond : double.NaN;
}
