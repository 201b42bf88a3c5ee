namespace Engine.Core.Risk.Rules;

/// <summary>In reducing-only trading, an order that does not reduce a position is denied (reducing orders skip this rule).</summary>
public sealed class ReducingOnlyRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.ReducingOnly;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.State != TradingState.Reducing;
}
