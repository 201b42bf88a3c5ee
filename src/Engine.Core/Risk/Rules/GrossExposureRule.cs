namespace Engine.Core.Risk.Rules;

/// <summary>The book's absolute value after the order within the gross cap.</summary>
public sealed class GrossExposureRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.GrossExposure;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long cap = context.Options.Exposure.MaxGrossExposure;
        if (cap <= 0)
        {
            return true;
        }

        long before = Math.Abs(order.HeldQuantity * order.ValuationPrice);
        long after = Math.Abs((order.HeldQuantity + order.Signed) * order.ValuationPrice);
        return context.Account.GrossExposure() - before + after <= cap;
    }
}
