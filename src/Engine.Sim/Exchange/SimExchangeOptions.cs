namespace Engine.Sim.Exchange;

/// <summary>The simulated account and the exchange's limits.</summary>
public sealed record SimExchangeOptions
{
    /// <summary>The account's cash, rupees.</summary>
    public decimal Capital { get; init; } = 1_000_000m;

    /// <summary>The share of an intraday (MIS) order's value blocked as margin; CNC and NRML block the whole value.</summary>
    public decimal IntradayMarginRate { get; init; } = 0.2m;

    /// <summary>Order requests (place, modify, cancel) allowed per calendar second before HTTP 429 (Kite's 10).</summary>
    public int OrdersPerSecond { get; init; } = 10;

    /// <summary>Modifications allowed per order (Kite's 25).</summary>
    public int MaxModifications { get; init; } = 25;

    /// <summary>The freeze quantity of every instrument that has one; 0: none (equities have none).</summary>
    public long FreezeQuantity { get; init; }
}
