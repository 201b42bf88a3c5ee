namespace Engine.Core.Charges;

/// <summary>
/// The charges on a day's trades in one instrument, the way the broker's calculator and contract
/// note work them out: every item from the day's buy and sell turnover, rounded to the paisa,
/// except STT, which is rounded to the rupee; GST on brokerage, transaction charges and the SEBI
/// fee before their rounding. Arithmetic in <see cref="decimal"/>, which allocates nothing.
/// </summary>
public static class ChargeCalculator
{
    private const decimal PaisePerCrore = 1_00_00_000m * 100m;

    /// <summary>The charges on <paramref name="buyValuePaise"/> bought and <paramref name="sellValuePaise"/> sold, with <paramref name="brokeragePaise"/> already worked out per executed order.</summary>
    public static ChargeBreakdown Compute(ChargeRates rates, bool bse, long buyValuePaise, long sellValuePaise, long brokeragePaise)
    {
        ArgumentNullException.ThrowIfNull(rates);
        decimal turnover = buyValuePaise + sellValuePaise;
        decimal transaction = turnover * (bse ? rates.BseTransactionPercent : rates.NseTransactionPercent) / 100m;
        decimal sebi = turnover * rates.SebiRupeesPerCrore / PaisePerCrore * 100m;
        decimal stt = ((buyValuePaise * rates.SttBuyPercent) + (sellValuePaise * rates.SttSellPercent)) / 100m;
        decimal stamp = buyValuePaise * rates.StampBuyPercent / 100m;
        decimal gst = (brokeragePaise + transaction + sebi) * rates.GstPercent / 100m;
        return new ChargeBreakdown(
            Turnover: (long)turnover,
            Brokerage: brokeragePaise,
            Stt: Paise(decimal.Round(stt / 100m, MidpointRounding.AwayFromZero) * 100m),
            ExchangeTransaction: Paise(transaction),
            Sebi: Paise(sebi),
            StampDuty: Paise(stamp),
            Gst: Paise(gst));
    }

    /// <summary>One buy and one sell, each a single executed order: the calculator's round trip.</summary>
    public static ChargeBreakdown RoundTrip(ChargeRates rates, bool bse, long buyValuePaise, long sellValuePaise) =>
        Compute(rates, bse, buyValuePaise, sellValuePaise, rates.BrokerageOn(buyValuePaise) + rates.BrokerageOn(sellValuePaise));

    /// <summary>An amount in paise, to the nearest paisa (half away from zero).</summary>
    public static long Paise(decimal paise) => (long)decimal.Round(paise, MidpointRounding.AwayFromZero);
}
