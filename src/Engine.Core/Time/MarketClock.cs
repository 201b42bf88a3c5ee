namespace Engine.Core.Time;

/// <summary>
/// Maps the local receive time of an input to the market time business logic sees. Live, the two
/// are the same clock. Against the simulator the market may start at 09:15 IST whatever the wall
/// time, and run faster than the wall clock, so a minute's demo covers an hour's trading. The
/// mapping is fixed at start-up and journaled, so a replay maps every input exactly as the live
/// run did.
/// </summary>
/// <param name="WallStartNs">The receive time (Unix ns) that maps to <paramref name="MarketStartNs"/>.</param>
/// <param name="MarketStartNs">Market time (Unix ns) at <paramref name="WallStartNs"/>.</param>
/// <param name="Speed">Market nanoseconds per wall nanosecond; 1 live.</param>
public readonly record struct MarketClock(long WallStartNs, long MarketStartNs, double Speed)
{
    /// <summary>Market time is wall time.</summary>
    public static MarketClock Identity { get; } = new(0, 0, 1);

    /// <summary>True when market time is the receive time.</summary>
    public bool IsIdentity => WallStartNs == MarketStartNs && Speed == 1;

    /// <summary>The market time of an input received at <paramref name="wallNs"/>.</summary>
    public long ToMarket(long wallNs)
    {
        long elapsed = wallNs - WallStartNs;

        // The integer path keeps the identity exact; scaled time goes through one double multiply,
        // which gives the same answer on every run of the same build.
        return Speed == 1 ? MarketStartNs + elapsed : MarketStartNs + (long)(elapsed * Speed);
    }

    /// <summary>The wall time at which the market clock reads <paramref name="marketNs"/>.</summary>
    public long ToWall(long marketNs)
    {
        long elapsed = marketNs - MarketStartNs;
        return Speed == 1 ? WallStartNs + elapsed : WallStartNs + (long)(elapsed / Speed);
    }
}
