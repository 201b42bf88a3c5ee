namespace Engine.Core.Orders;

/// <summary>How the order tracker places the engine's own orders.</summary>
public sealed record OrderTrackerOptions
{
    /// <summary>Kite's <c>market_protection</c> for the closing MARKET orders of a square-off or flatten (-1: the broker chooses).</summary>
    public short MarketProtection { get; init; } = -1;

    /// <summary>
    /// After the broker refuses one of the engine's closing orders, the wait (by the inputs'
    /// receive times, so a replay waits alike) before the next attempt.
    /// </summary>
    public TimeSpan CloseRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Orders the tracker can hold before it grows (a day's budget is 5,000).</summary>
    public int Capacity { get; init; } = 8192;
}
