using Engine.Core.Indicators;

namespace Engine.Core.Bars;

/// <summary>
/// Builds one instrument's bars of one period from its ticks: open, high, low and close from the
/// last price; volume from the change in the day's cumulative volume the packets carry (the first
/// tick seen only sets the baseline; a fall in the cumulative figure is a new day). Ticks outside
/// the session move the volume baseline but make no bar. A bar is completed by event time: by
/// <see cref="TryClose"/> once its end has passed, never by the wall clock. Periods in which no
/// tick arrived produce no bar.
/// </summary>
public sealed class BarBuilder(BarClock clock)
{
    private long _start;
    private long _end;
    private double _open;
    private double _high;
    private double _low;
    private double _close;
    private double _volume;
    private long _lastCumulativeVolume = -1;

    /// <summary>True while a bar is being built.</summary>
    public bool HasOpenBar { get; private set; }

    /// <summary>When the bar being built ends.</summary>
    public long OpenBarEnd => _end;

    /// <summary>The bar being built so far.</summary>
    public Bar Current => new(_start, _open, _high, _low, _close, _volume);

    /// <summary>
    /// Takes a tick at <paramref name="eventTimeNs"/>. The caller first closes any bar that ended
    /// at or before this time (<see cref="TryClose"/>), so a tick never lands in an expired bar.
    /// </summary>
    public void Add(long eventTimeNs, double price, long cumulativeVolume)
    {
        double traded = 0;
        if (_lastCumulativeVolume >= 0)
        {
            traded = cumulativeVolume >= _lastCumulativeVolume ? cumulativeVolume - _lastCumulativeVolume : cumulativeVolume;
        }

        _lastCumulativeVolume = cumulativeVolume;
        if (HasOpenBar && eventTimeNs >= _start && eventTimeNs < _end)
        {
            // Inside the open bar's period, so inside the session: the bucket is the open bar's,
            // and most ticks need none of the clock's day and session arithmetic.
            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
            _close = price;
            _volume += traded;
            return;
        }

        if (!clock.TryGetBucket(eventTimeNs, out long start, out long end))
        {
            return;
        }

        if (!HasOpenBar || start != _start)
        {
            HasOpenBar = true;
            _start = start;
            _end = end;
            _open = _high = _low = _close = price;
            _volume = traded;
            return;
        }

        _high = Math.Max(_high, price);
        _low = Math.Min(_low, price);
        _close = price;
        _volume += traded;
    }

    /// <summary>Completes the bar being built if it ends at or before <paramref name="eventTimeNs"/>.</summary>
    public bool TryClose(long eventTimeNs, out Bar bar)
    {
        if (!HasOpenBar || eventTimeNs < _end)
        {
            bar = default;
            return false;
        }

        bar = Current;
        HasOpenBar = false;
        return true;
    }

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        HasOpenBar = false;
        _lastCumulativeVolume = -1;
        _volume = 0;
    }
}
