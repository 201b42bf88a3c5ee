namespace Engine.Core.Risk.Rules;

/// <summary>The intent's price must be within the configured percentage of the last traded price: a stale or mistyped price never becomes an order.</summary>
public sealed class FatFingerRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.FatFinger;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        double limit = context.Options.Price.FatFingerPercent;
        if (limit <= 0 || order.LastPrice <= 0 || order.Price <= 0)
        {
            return true;
        }

        return Math.Abs(order.Price - order.LastPrice) * 100.0 / order.LastPrice <= limit;
    }
}
