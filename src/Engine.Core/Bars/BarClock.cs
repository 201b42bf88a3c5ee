using Engine.Core.Time;

namespace Engine.Core.Bars;

/// <summary>
/// Where the bars of one period begin and end: buckets of the period starting at the session
/// open (09:15 IST), the last one cut at the close; a day bar is the whole session. Times outside
/// the session belong to no bar.
/// </summary>
public sealed class BarClock(BarPeriod period, SessionHours session)
{
    private readonly long _periodNs = (long)period * 60_000_000_000L;

    /// <summary>The period.</summary>
    public BarPeriod Period => period;

    /// <summary>The session hours.</summary>
    public SessionHours Session => session;

    /// <summary>The bar containing <paramref name="unixNs"/>: its start and end (exclusive); false outside the session.</summary>
    public bool TryGetBucket(long unixNs, out long start, out long end)
    {
        long day = SessionHours.IstDay(unixNs);
        long open = session.OpenOn(day);
        long close = session.CloseOn(day);
        if (unixNs < open || unixNs >= close)
        {
            start = end = 0;
            return false;
        }

        if (period == BarPeriod.Day)
        {
            start = open;
            end = close;
            return true;
        }

        start = open + ((unixNs - open) / _periodNs * _periodNs);
        end = Math.Min(start + _periodNs, close);
        return true;
    }
}
