using Engine.Bench.Workloads;

namespace Engine.Benchmarks.Ring;

/// <summary>1P-3C pipeline: C1 -> C2 -> C3.</summary>
public class PipelineBenchmarks : TopologyBenchmarks
{
    /// <inheritdoc/>
    protected override Topology Topology => Topology.Pipeline;
}
