using Engine.Core.Risk.Sizing;

namespace Engine.Core.Risk.Rules;

/// <summary>
/// Sets the quantity: the configured sizer's lots (or the whole lots an operator's order asks for), at most the cap. In
/// reducing-only trading an order against the position is cut to what is held, so it reduces
/// rather than reverses. No lot: denied.
/// </summary>
public sealed class SizingRule(ISizer sizer, int maxLots) : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.Sizing;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <summary>The sizer for <paramref name="options"/>.</summary>
    public static ISizer SizerFor(SizingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Method switch
        {
            SizingMethod.FixedFraction => new FixedFractionSizer(options.RiskPercent),
            SizingMethod.Atr => new AtrSizer(options.RiskPercent, options.AtrMultiple),
            SizingMethod.Kelly => new KellySizer(options.KellyFraction, options.KellyCapPercent, options.KellyMinTrades, options.Lots),
            _ => new FixedSizer(options.Lots),
        };
    }

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long lots = Math.Min(order.RequestedQuantity > 0 ? order.RequestedQuantity / order.LotSize : sizer.Lots(order, context), maxLots);
        order.Quantity = Math.Max(0, lots) * order.LotSize;
        bool against = order.HeldQuantity != 0 && Math.Sign(order.Signed) == -Math.Sign(order.HeldQuantity);
        if (context.State == TradingState.Reducing && against && order.Quantity > Math.Abs(order.HeldQuantity))
        {
            order.Quantity = Math.Abs(order.HeldQuantity) / order.LotSize * order.LotSize;
        }

        return order.Quantity > 0;
    }
}
