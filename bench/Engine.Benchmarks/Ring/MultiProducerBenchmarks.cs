using Engine.Bench.Workloads;

namespace Engine.Benchmarks.Ring;

/// <summary>3P-1C: three producers into one consumer.</summary>
public class MultiProducerBenchmarks : TopologyBenchmarks
{
    /// <inheritdoc/>
    protected override Topology Topology => Topology.MultiProducer;
}
