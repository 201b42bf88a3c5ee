namespace Engine.Core.Risk.Rules;

/// <summary>Today's net loss (marks and charges included, from the equity at the day's reset) against the daily line: at the line, only reducing orders pass.</summary>
public sealed class DailyLossRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.DailyLoss;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => context.DailyLossLimit <= 0 || context.DailyLoss < context.DailyLossLimit;
}
