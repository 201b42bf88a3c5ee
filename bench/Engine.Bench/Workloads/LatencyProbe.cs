using System.Diagnostics;
using Engine.Core.Events;
using Engine.Ring;
using HdrHistogram;

namespace Engine.Bench.Workloads;

/// <summary>
/// A stage right after the risk gate that records, for every tick, the time to the end of its
/// decision twice, into HdrHistograms (fixed memory, nothing allocated per tick): from the
/// producer's actual publish (raw), and from the time the tick was due on the replay's schedule
/// (corrected for coordinated omission: a producer that stalls delays every tick behind it, and
/// only the due time shows that wait). The schedule is the journal's receive times at the replay's
/// speed, anchored on the first tick.
/// </summary>
public sealed class LatencyProbe(double speed = 1) : IEventHandler<RingEvent>
{
    // Up to 10 s in nanoseconds at 3 significant digits.
    private const long Highest = 10_000_000_000;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly double _speed = speed <= 0 ? 1 : speed;
    private long _originTicks;
    private long _originReceiveNs;
    private long _count;
    private long _worstCorrectedNs = long.MinValue;
    private long _worstDueNs;
    private long _worstTick;

    /// <inheritdoc/>
    public string Name => "latency";

    /// <summary>From the publish to the decision, ns.</summary>
    public LongHistogram Raw { get; } = Mapped(new LongHistogram(1, Highest, 3));

    /// <summary>From the due time to the decision, ns.</summary>
    public LongHistogram Corrected { get; } = Mapped(new LongHistogram(1, Highest, 3));

    /// <summary>
    /// When the tick with the largest corrected latency was due, ns after the first tick: a tail
    /// at a fixed point of every run (the first lap of the ring, a segment boundary) is the
    /// engine's, where the machine's stalls fall anywhere. Read after the run has drained.
    /// </summary>
    public long WorstDueNs => _worstDueNs;

    /// <summary>The number (from 1, in publish order) of the tick with the largest corrected latency; 0 before any.</summary>
    public long WorstTick => _worstTick;

    /// <summary>Samples taken.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind != EventKind.Tick)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (_count == 0)
        {
            _originTicks = data.PublishedTicks;
            _originReceiveNs = data.ReceiveTimestampNs;
        }

        long raw = (long)((now - data.PublishedTicks) * NanosecondsPerTick);
        double dueNs = (data.ReceiveTimestampNs - _originReceiveNs) / _speed;
        long corrected = (long)(((now - _originTicks) * NanosecondsPerTick) - dueNs);
        long late = Math.Max(corrected, raw);
        Raw.RecordValue(Math.Clamp(raw, 1, Highest));
        Corrected.RecordValue(Math.Clamp(late, 1, Highest));
        if (late > _worstCorrectedNs)
        {
            _worstCorrectedNs = late;
            _worstDueNs = (long)dueNs;
            _worstTick = _count + 1;
        }

        Volatile.Write(ref _count, _count + 1);
    }

    // Each histogram's counts (about 200 KB) sit on pages the OS maps on their first write, so the
    // probe's first sample in each range would take a page fault on the logic thread, inside the
    // latency it measures (53 faults in a 1 s paced run, both histograms). A value recorded into every page's range,
    // then a reset, maps them all before the run.
    private static LongHistogram Mapped(LongHistogram histogram)
    {
        for (long value = 1; value <= Highest; value += Math.Max(1, value / 512))
        {
            histogram.RecordValue(value);
        }

        histogram.Reset();
        return histogram;
    }

    /// <summary>The <paramref name="percentile"/> (0 to 100) of <paramref name="histogram"/>, ns; NaN when empty.</summary>
    public static double At(LongHistogram histogram, double percentile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile);
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of samples already sorted (the order benchmark's few hundred).</summary>
    public static double Quantile(double[] sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The largest value recorded, ns; NaN when empty.</summary>
    public static double Max(LongHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? double.NaN : histogram.GetMaxValue();
    }
}
