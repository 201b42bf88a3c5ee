namespace Engine.Core.Risk.Sizing;

/// <summary>
/// A fixed fraction of equity at risk per trade: the quantity that loses that fraction if the
/// price reaches the intent's stop. An intent without a stop gets nothing (denied as sizing).
/// </summary>
public sealed class FixedFractionSizer(double riskPercent) : ISizer
{
    /// <inheritdoc/>
    public long Lots(in ProposedOrder order, RiskContext context)
    {
        long distance = order.Stop > 0 ? Math.Abs(order.ValuationPrice - order.Stop) : 0;
        return LotsAtRisk(context.Account.Equity * riskPercent / 100, distance, order.LotSize);
    }

    /// <summary>Whole lots that lose at most <paramref name="atRisk"/> over <paramref name="distance"/> a unit.</summary>
    internal static long LotsAtRisk(double atRisk, double distance, long lotSize) =>
        distance <= 0 || atRisk <= 0 ? 0 : (long)Math.Floor(atRisk / (distance * lotSize));
}
