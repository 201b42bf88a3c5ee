namespace Engine.Core.Risk.Rules;

/// <summary>The value held in the instrument's sector (from the sector file) after the order, within the sector cap. Instruments without a sector are not counted.</summary>
public sealed class SectorExposureRule : IPreTradeRule
{
    /// <inheritdoc/>
    public RiskRule Code => RiskRule.SectorExposure;

    /// <inheritdoc/>
    public bool AppliesToReducing => false;

    /// <inheritdoc/>
    public bool Allows(ref ProposedOrder order, RiskContext context)
    {
        long cap = context.Options.Exposure.MaxSectorValue;
        int sector = context.SectorOf(order.InstrumentToken);
        if (cap <= 0 || sector < 0)
        {
            return true;
        }

        long before = Math.Abs(order.HeldQuantity * order.ValuationPrice);
        long after = Math.Abs((order.HeldQuantity + order.Signed) * order.ValuationPrice);
        return context.SectorValue(sector) - before + after <= cap;
    }
}
