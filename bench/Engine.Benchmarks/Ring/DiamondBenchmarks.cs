using Engine.Bench.Workloads;

namespace Engine.Benchmarks.Ring;

/// <summary>1P-3C diamond: C1, C2, C3 in parallel, then C4 gated on all three.</summary>
public class DiamondBenchmarks : TopologyBenchmarks
{
    /// <inheritdoc/>
    protected override Topology Topology => Topology.Diamond;
}
