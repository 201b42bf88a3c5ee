namespace Engine.Core.Charges;

/// <summary>
/// One category's rates. Percentages are of turnover (premium turnover for options); amounts are
/// paise. Exchange transaction charges differ by exchange, so there are two.
/// </summary>
public sealed record ChargeRates
{
    /// <summary>Brokerage per executed order as a percentage of its value (0: none).</summary>
    public decimal BrokeragePercent { get; init; }

    /// <summary>Brokerage per executed order never exceeds this (0: no cap); with no percentage it is the flat fee.</summary>
    public long BrokerageCapPaise { get; init; }

    /// <summary>STT (CTT) on the buy side, percent.</summary>
    public decimal SttBuyPercent { get; init; }

    /// <summary>STT (CTT) on the sell side, percent.</summary>
    public decimal SttSellPercent { get; init; }

    /// <summary>NSE's transaction charge, percent of turnover.</summary>
    public decimal NseTransactionPercent { get; init; }

    /// <summary>BSE's transaction charge, percent of turnover.</summary>
    public decimal BseTransactionPercent { get; init; }

    /// <summary>The SEBI turnover fee in rupees per crore (₹1,00,00,000) of turnover.</summary>
    public decimal SebiRupeesPerCrore { get; init; }

    /// <summary>Stamp duty on the buy side, percent.</summary>
    public decimal StampBuyPercent { get; init; }

    /// <summary>GST, percent of brokerage, transaction charges and the SEBI fee.</summary>
    public decimal GstPercent { get; init; }

    /// <summary>The brokerage on one executed order worth <paramref name="valuePaise"/>.</summary>
    public long BrokerageOn(long valuePaise)
    {
        if (valuePaise <= 0)
        {
            return 0;
        }

        if (BrokeragePercent == 0)
        {
            return BrokerageCapPaise;
        }

        long byPercent = ChargeCalculator.Paise(valuePaise * BrokeragePercent / 100m);
        return BrokerageCapPaise > 0 ? Math.Min(byPercent, BrokerageCapPaise) : byPercent;
    }
}
