using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Engine.Bench.Workloads;
using Engine.Ring;

namespace Engine.Benchmarks.Ring;

/// <summary>
/// Why the ring's indexer skips the bounds check: a masked index into an array with the check
/// the JIT cannot remove, against the ring's unchecked <c>ref</c> access, over a full lap.
/// </summary>
public class SlotAccessBenchmarks
{
    private const int Size = 1 << 12;
    private readonly ThroughputEvent[] _entries = new ThroughputEvent[Size];
    private readonly RingBuffer<ThroughputEvent> _ring = new(Size);
    private readonly long _mask = Size - 1;

    /// <summary>Array indexer: bounds-checked.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Size * 4)]
    public long Checked()
    {
        long sum = 0;
        for (long s = 0; s < Size * 4; s++)
        {
            ref var slot = ref _entries[(int)(s & _mask)];
            slot.Value = s;
            sum += slot.Result;
        }

        return sum;
    }

    /// <summary>Unsafe.Add from the array's data reference: no check.</summary>
    [Benchmark(OperationsPerInvoke = Size * 4)]
    public long Unchecked()
    {
        long sum = 0;
        ref var first = ref MemoryMarshal.GetArrayDataReference(_entries);
        for (long s = 0; s < Size * 4; s++)
        {
            ref var slot = ref Unsafe.Add(ref first, (nint)(s & _mask));
            slot.Value = s;
            sum += slot.Result;
        }

        return sum;
    }

    /// <summary>The ring's own indexer.</summary>
    [Benchmark(OperationsPerInvoke = Size * 4)]
    public long RingIndexer()
    {
        long sum = 0;
        for (long s = 0; s < Size * 4; s++)
        {
            ref var slot = ref _ring[s];
            slot.Value = s;
            sum += slot.Result;
        }

        return sum;
    }
}
