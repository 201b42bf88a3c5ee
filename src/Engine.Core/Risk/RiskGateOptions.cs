using Engine.Core.Orders;

namespace Engine.Core.Risk;

/// <summary>
/// The risk engine's rule set (<c>config/risk.yaml</c>): what an order looks like, how it is sized,
/// and every limit. Versioned; the run records it, so a replay applies the same rules.
/// </summary>
public sealed record RiskGateOptions
{
    /// <summary>The rule set's version, as its author numbers it.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The capital the account starts with, paise.</summary>
    public long Capital { get; init; } = 10_00_000_00;

    /// <summary>Lots per order under fixed sizing (shares for equities, whose lot is 1): <see cref="SizingOptions.Lots"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int DefaultQuantity
    {
        get => Sizing.Lots;
        init => Sizing = Sizing with { Lots = value };
    }

    /// <summary>Product for every order.</summary>
    public Product Product { get; init; } = Product.Mis;

    /// <summary>
    /// Kite's <c>market_protection</c> for the engine's MARKET orders: -1 lets the broker choose,
    /// 1 to 100 is a percentage. 0 (none) is refused by Kite for API orders since 1 April 2026.
    /// </summary>
    public short MarketProtection { get; init; } = -1;

    /// <summary>Sizing.</summary>
    public SizingOptions Sizing { get; init; } = new();

    /// <summary>Exposure caps.</summary>
    public ExposureLimits Exposure { get; init; } = new();

    /// <summary>Price sanity.</summary>
    public PriceLimits Price { get; init; } = new();

    /// <summary>Loss lines.</summary>
    public LossLimits Loss { get; init; } = new();

    /// <summary>Order budgets.</summary>
    public OrderBudgetLimits Budgets { get; init; } = new();

    /// <summary>Trading-state thresholds and snapshots.</summary>
    public TradingStateOptions States { get; init; } = new();
}
