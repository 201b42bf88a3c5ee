namespace Engine.Core.Risk.Rules;

/// <summary>The broker's orders per day.</summary>
public sealed class OrdersPerDayRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.OrdersPerDay;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.Budget.Check(context.NowNs) != RiskRule.OrdersPerDay;
}
