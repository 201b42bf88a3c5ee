namespace Engine.Core.Risk.Rules;

/// <summary>After the configured losing round trips in a row, no entry until the cool-off (market time) has passed since the last loss.</summary>
public sealed class CoolOffRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.CoolOff;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => !context.CoolingOff;
}
