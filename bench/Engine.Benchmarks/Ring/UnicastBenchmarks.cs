using BenchmarkDotNet.Attributes;
using Engine.Bench.Workloads;

namespace Engine.Benchmarks.Ring;

/// <summary>1P-1C: ring, bounded channel and bounded BlockingCollection.</summary>
public class UnicastBenchmarks : TopologyBenchmarks
{
    /// <inheritdoc/>
    protected override Topology Topology => Topology.Unicast;

    /// <summary>Starts the blocking-collection workload.</summary>
    [GlobalSetup(Target = nameof(BlockingCollection))]
    public void SetUpBlockingCollection() => Start(new BlockingCollectionWorkload());

    /// <summary>Bounded <see cref="System.Collections.Concurrent.BlockingCollection{T}"/>.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public void BlockingCollection() => RunWorkload();
}
