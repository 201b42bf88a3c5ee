using Engine.Core.Events;
using Engine.Core.Orders;

namespace Engine.Core.Risk.Rules;

/// <summary>Entries only while the market is open; during the square-off, exits of products other than MIS (the engine closes MIS itself).</summary>
public sealed class MarketSessionRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.MarketSession;

    /// <inheritdoc/>
    public bool AppliesToReducing => true;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context) =>
        context.Phase == TimerKind.Open || (order.IsExit && context.Phase == TimerKind.SquareOff && context.Options.Product != Product.Mis);
}
