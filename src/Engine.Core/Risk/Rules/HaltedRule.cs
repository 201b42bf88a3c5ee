namespace Engine.Core.Risk.Rules;

/// <summary>A halted engine sends nothing new (cancels still go out).</summary>
public sealed class HaltedRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.Halted;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.State != TradingState.Halted;
}
