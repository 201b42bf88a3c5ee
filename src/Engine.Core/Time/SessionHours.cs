namespace Engine.Core.Time;

/// <summary>
/// The normal market hours of a trading day in IST (NSE: 09:15 to 15:30) and the arithmetic that
/// maps event times onto them. Pure functions of the event time: never the wall clock.
/// </summary>
public sealed record SessionHours(TimeOnly Open, TimeOnly Close)
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000L;

    /// <summary>IST is UTC + 05:30, all year.</summary>
    public const long IstOffsetNanoseconds = 19_800_000_000_000L;

    /// <summary>NSE's normal market: 09:15 to 15:30 IST.</summary>
    public static SessionHours Nse { get; } = new(new TimeOnly(9, 15), new TimeOnly(15, 30));

    /// <summary>The session's length.</summary>
    public long LengthNanoseconds => (Close - Open).Ticks * 100;

    /// <summary>The IST calendar day of <paramref name="unixNs"/>, as days since 1970-01-01.</summary>
    public static long IstDay(long unixNs)
    {
        long shifted = unixNs + IstOffsetNanoseconds;
        long day = shifted / NanosecondsPerDay;
        return shifted < 0 && shifted % NanosecondsPerDay != 0 ? day - 1 : day;
    }

    /// <summary>The session open on IST day <paramref name="istDay"/>, Unix ns.</summary>
    public long OpenOn(long istDay) => (istDay * NanosecondsPerDay) - IstOffsetNanoseconds + (Open.Ticks * 100);

    /// <summary>The session close on IST day <paramref name="istDay"/>, Unix ns.</summary>
    public long CloseOn(long istDay) => (istDay * NanosecondsPerDay) - IstOffsetNanoseconds + (Close.Ticks * 100);

    /// <summary>True when <paramref name="unixNs"/> falls in the normal market (open inclusive, close exclusive).</summary>
    public bool IsOpenAt(long unixNs)
    {
        long day = IstDay(unixNs);
        return unixNs >= OpenOn(day) && unixNs < CloseOn(day);
    }
}
