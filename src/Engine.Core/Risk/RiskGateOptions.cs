using Engine.Core.Orders;

namespace Engine.Core.Risk;

/// <summary>The risk gate's settings (the first rules; limits on loss, drawdown, exposure and rate come with the full gate).</summary>
public sealed record RiskGateOptions
{
    /// <summary>Lots per order (shares for equities, whose lot is 1).</summary>
    public int DefaultQuantity { get; init; } = 1;

    /// <summary>Product for every order.</summary>
    public Product Product { get; init; } = Product.Mis;
}
