using Engine.Core.Orders;

namespace Engine.Core.Risk;

/// <summary>The risk gate's settings (the first rules; limits on loss, drawdown, exposure and rate come with the full gate).</summary>
public sealed record RiskGateOptions
{
    /// <summary>Lots per order (shares for equities, whose lot is 1).</summary>
    public int DefaultQuantity { get; init; } = 1;

    /// <summary>Product for every order.</summary>
    public Product Product { get; init; } = Product.Mis;

    /// <summary>
    /// Kite's <c>market_protection</c> for the engine's MARKET orders: -1 lets the broker choose,
    /// 1 to 100 is a percentage. 0 (none) is refused by Kite for API orders since 1 April 2026.
    /// </summary>
    public short MarketProtection { get; init; } = -1;
}
