using System.Diagnostics;
using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// A stage right after the risk gate that records, for every tick, the time from the producer's
/// publish to the end of the decision (the tick-to-intent latency), into a preallocated array.
/// </summary>
public sealed class LatencyProbe(int capacity) : IEventHandler<RingEvent>
{
    private readonly long[] _samples = new long[capacity];
    private int _count;

    /// <inheritdoc/>
    public string Name => "latency";

    /// <summary>Samples taken.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.Tick && _count < _samples.Length)
        {
            _samples[_count] = Stopwatch.GetTimestamp() - data.PublishedTicks;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>The samples in nanoseconds, sorted (call after the pipeline has drained).</summary>
    public double[] SortedNanoseconds()
    {
        double scale = 1e9 / Stopwatch.Frequency;
        var ns = new double[Count];
        for (int i = 0; i < ns.Length; i++)
        {
            ns[i] = _samples[i] * scale;
        }

        Array.Sort(ns);
        return ns;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of sorted samples.</summary>
    public static double Quantile(double[] sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
