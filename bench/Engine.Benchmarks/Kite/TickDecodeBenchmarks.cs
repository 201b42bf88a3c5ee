using BenchmarkDotNet.Attributes;
using Engine.Bench.Workloads;

namespace Engine.Benchmarks.Kite;

/// <summary>Decoding Kite packets into ring slots: one 184-byte full packet, and a frame of 100 through the ring sink.</summary>
[MemoryDiagnoser]
public class TickDecodeBenchmarks
{
    private readonly DecodeWorkload _workload = new();

    /// <summary>One full packet into one slot (target: under 50 ns, 0 B).</summary>
    [Benchmark]
    public bool FullPacketIntoSlot() => _workload.DecodeOnePacket();

    /// <summary>A 100-packet full-mode frame: scan, batch-claim, decode and copy raw bytes into 100 slots, publish (target: under 5 us).</summary>
    [Benchmark]
    public void FrameOf100FullPacketsIntoRing() => _workload.PublishFrame();
}
