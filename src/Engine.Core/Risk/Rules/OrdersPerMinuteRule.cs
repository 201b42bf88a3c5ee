namespace Engine.Core.Risk.Rules;

/// <summary>The broker's orders per minute, counted in input time.</summary>
public sealed class OrdersPerMinuteRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.OrdersPerMinute;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.Budget.Check(context.NowNs) != RiskRule.OrdersPerMinute;
}
