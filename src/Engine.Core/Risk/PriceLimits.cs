namespace Engine.Core.Risk;

/// <summary>Price sanity: how far an order's price may be from the market. 0 turns a check off.</summary>
public sealed record PriceLimits
{
    /// <summary>The day's band around the previous close, percent (NSE's widest equity band is 20%).</summary>
    public double CircuitBandPercent { get; init; } = 20;

    /// <summary>The largest distance between the intent's price and the last traded price, percent.</summary>
    public double FatFingerPercent { get; init; } = 5;
}
