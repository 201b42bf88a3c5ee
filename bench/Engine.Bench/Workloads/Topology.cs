namespace Engine.Bench.Workloads;

/// <summary>The consumer graphs the ring benchmarks compare, named as in the LMAX performance tests.</summary>
public enum Topology
{
    /// <summary>One producer, one consumer (1P-1C).</summary>
    Unicast,

    /// <summary>One producer, three consumers in a chain C1 -> C2 -> C3 (1P-3C pipeline).</summary>
    Pipeline,

    /// <summary>One producer, three consumers in parallel, then one consumer that gates on all three (1P-3C diamond).</summary>
    Diamond,

    /// <summary>Three producers, one consumer (3P-1C).</summary>
    MultiProducer,
}
