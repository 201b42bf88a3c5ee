namespace Engine.Core.Risk.Rules;

/// <summary>An order that opens a position in a new instrument may not take the open positions past their number.</summary>
public sealed class OpenPositionsRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.OpenPositions;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        int cap = context.Options.Exposure.MaxOpenPositions;
        return cap <= 0 || order.HeldQuantity != 0 || context.Account.OpenPositions() < cap;
    }
}
