namespace Engine.Core.Risk.Rules;

/// <summary>The fall of equity from its high-water mark (with or without the marks, as configured) against the drawdown allowed.</summary>
public sealed class TrailingDrawdownRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.TrailingDrawdown;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.Options.Loss.TrailingDrawdown <= 0 || context.Drawdown < context.Options.Loss.TrailingDrawdown;
}
