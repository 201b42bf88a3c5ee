namespace Engine.Core.Risk.Rules;

/// <summary>The order's price (the last traded price for a market order) must lie inside the day's band around the previous close.</summary>
public sealed class CircuitBandRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.CircuitBand;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        double band = context.Options.Price.CircuitBandPercent;
        if (band <= 0 || order.PreviousClose <= 0)
        {
            return true;
        }

        double distance = Math.Abs(order.ValuationPrice - order.PreviousClose) * 100.0 / order.PreviousClose;
        return distance <= band;
    }
}
