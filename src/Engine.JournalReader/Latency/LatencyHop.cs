using HdrHistogram;

namespace Engine.JournalTool.Latency;

/// <summary>One hop of an input's way through the engine, as a histogram of nanoseconds.</summary>
public sealed class LatencyHop(string name, string description)
{
    // Up to an hour, three significant digits: a hop is never longer, and 0.1% is finer than any
    // decision the figures inform.
    private const long Highest = 3_600_000_000_000;

    /// <summary>The hop's name (also its file name with --percentiles).</summary>
    public string Name => name;

    /// <summary>What the hop spans.</summary>
    public string Description => description;

    /// <summary>The recorded values, nanoseconds.</summary>
    public LongHistogram Histogram { get; } = new(1, Highest, 3);

    /// <summary>Pairs whose later stamp came before the earlier (left out; none is expected).</summary>
    public long Negative { get; private set; }

    /// <summary>Values recorded.</summary>
    public long Count => Histogram.TotalCount;

    /// <summary>Records <paramref name="to"/> minus <paramref name="from"/> when both were stamped.</summary>
    public void Record(long from, long to)
    {
        if (from == 0 || to == 0)
        {
            return;
        }

        long value = to - from;
        if (value < 0)
        {
            Negative++;
            return;
        }

        Histogram.RecordValue(Math.Clamp(value, 1, Highest));
    }

    /// <summary>The value at <paramref name="percentile"/>, nanoseconds; 0 when empty.</summary>
    public long At(double percentile) => Count == 0 ? 0 : Histogram.GetValueAtPercentile(percentile);

    /// <summary>The largest value, nanoseconds; 0 when empty.</summary>
    public long Max => Count == 0 ? 0 : Histogram.GetMaxValue();
}
