namespace Engine.Core.Risk.Rules;

/// <summary>Long less short after the order, either way, within the net cap.</summary>
public sealed class NetExposureRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.NetExposure;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long cap = context.Options.Exposure.MaxNetExposure;
        return cap <= 0 || Math.Abs(context.Account.NetExposure() + (order.Signed * order.ValuationPrice)) <= cap;
    }
}
