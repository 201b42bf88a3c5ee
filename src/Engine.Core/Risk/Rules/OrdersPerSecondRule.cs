namespace Engine.Core.Risk.Rules;

/// <summary>The broker's and SEBI's orders per second, counted in input time: the engine throttles itself before the broker answers 429.</summary>
public sealed class OrdersPerSecondRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.OrdersPerSecond;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.Budget.Check(context.NowNs) != RiskRule.OrdersPerSecond;
}
