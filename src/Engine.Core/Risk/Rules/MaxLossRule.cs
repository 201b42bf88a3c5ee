namespace Engine.Core.Risk.Rules;

/// <summary>The net loss since the start against the overall line.</summary>
public sealed class MaxLossRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.MaxLoss;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.Options.Loss.MaxLoss <= 0 || context.TotalLoss < context.Options.Loss.MaxLoss;
}
