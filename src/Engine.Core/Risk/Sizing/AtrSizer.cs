namespace Engine.Core.Risk.Sizing;

/// <summary>
/// A fixed fraction of equity at risk over a stop a multiple of ATRs away: volatile instruments
/// get fewer lots. The ATR is the risk engine's own, over bars of market time from the ticks; until
/// it has its lookback of bars, there is nothing to size by.
/// </summary>
public sealed class AtrSizer(double riskPercent, double atrMultiple) : ISizer
{
    /// <inheritdoc/>
    public long Lots(in ProposedOrder order, RiskContext context) =>
        FixedFractionSizer.LotsAtRisk(context.Account.Equity * riskPercent / 100, context.AtrOf(order.InstrumentToken) * atrMultiple, order.LotSize);
}
