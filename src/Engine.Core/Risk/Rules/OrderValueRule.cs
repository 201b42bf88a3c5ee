namespace Engine.Core.Risk.Rules;

/// <summary>At most the configured value in one order: a larger one is cut in whole lots (resized); less than a lot is denied.</summary>
public sealed class OrderValueRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.OrderValue;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long cap = context.Options.Exposure.MaxOrderValue;
        long lotValue = order.ValuationPrice * order.LotSize;
        if (cap <= 0 || lotValue <= 0 || order.Value <= cap)
        {
            return true;
        }

        order.Quantity = cap / lotValue * order.LotSize;
        order.Resized = true;
        return order.Quantity > 0;
    }
}
