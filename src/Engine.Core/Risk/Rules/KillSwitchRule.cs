namespace Engine.Core.Risk.Rules;

/// <summary>The operator's kill switch: nothing passes while it is engaged.</summary>
public sealed class KillSwitchRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.KillSwitch;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => !context.KillSwitchEngaged;
}
