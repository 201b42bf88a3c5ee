namespace Engine.Core.Charges;

/// <summary>What a set of trades costs besides the price, item by item, in paise, as a contract note shows it.</summary>
public readonly record struct ChargeBreakdown(long Turnover, long Brokerage, long Stt, long ExchangeTransaction, long Sebi, long StampDuty, long Gst)
{
    /// <summary>Every charge together.</summary>
    public long Total => Brokerage + Stt + ExchangeTransaction + Sebi + StampDuty + Gst;
}
