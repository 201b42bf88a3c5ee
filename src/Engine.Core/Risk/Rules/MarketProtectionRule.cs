namespace Engine.Core.Risk.Rules;

/// <summary>Kite refuses MARKET and SL-M API orders without market protection (since 1 April 2026): the engine never sends one.</summary>
public sealed class MarketProtectionRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.MarketProtection;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) => order.OrderType is not (Orders.OrderType.Market or Orders.OrderType.StopLossMarket) || order.MarketProtection != 0;
}
