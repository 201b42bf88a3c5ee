namespace Engine.Core.Risk.Rules;

/// <summary>After an operator's flatten the engine is closing everything itself: no intent passes until resume.</summary>
public sealed class FlattenedRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.Flattened;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => !context.Flattened;
}
