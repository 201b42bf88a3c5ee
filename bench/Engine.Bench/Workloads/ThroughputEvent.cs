namespace Engine.Bench.Workloads;

/// <summary>The ring slot of the throughput benchmarks: a value and a result each stage writes.</summary>
public struct ThroughputEvent
{
    /// <summary>What the producer wrote.</summary>
    public long Value;

    /// <summary>Written by intermediate stages, read by later ones.</summary>
    public long Result;
}
