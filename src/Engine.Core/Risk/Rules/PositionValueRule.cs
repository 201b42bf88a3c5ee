namespace Engine.Core.Risk.Rules;

/// <summary>The value held in one instrument after the order, every product together, within its cap.</summary>
public sealed class PositionValueRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.PositionValue;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long cap = context.Options.Exposure.MaxPositionValue;
        return cap <= 0 || Math.Abs((order.HeldQuantity + order.Signed) * order.ValuationPrice) <= cap;
    }
}
