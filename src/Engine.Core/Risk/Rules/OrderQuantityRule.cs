namespace Engine.Core.Risk.Rules;

/// <summary>At most the configured units in one order: a larger one is cut to the cap in whole lots (resized); less than a lot is denied.</summary>
public sealed class OrderQuantityRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.OrderQuantity;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long cap = context.Options.Exposure.MaxOrderQuantity;
        if (cap <= 0 || order.Quantity <= cap)
        {
            return true;
        }

        order.Quantity = cap / order.LotSize * order.LotSize;
        order.Resized = true;
        return order.Quantity > 0;
    }
}
