using Engine.Core.Market;

namespace Engine.Kite.Ticks;

/// <summary>What a packet of a given mode carries of a full tick: the fields the mode's layout has, the rest zero.</summary>
public static class TickProjection
{
    /// <summary>The tick as a <paramref name="mode"/> packet would deliver it.</summary>
    public static Tick Project(in Tick tick, TickMode mode)
    {
        var result = default(Tick);
        result.InstrumentToken = tick.InstrumentToken;
        result.Segment = tick.Segment;
        result.Tradable = tick.Tradable;
        result.PriceDivisor = tick.PriceDivisor;
        result.Mode = mode;
        result.LastPrice = tick.LastPrice;
        if (mode == TickMode.Ltp)
        {
            return result;
        }

        result.Open = tick.Open;
        result.High = tick.High;
        result.Low = tick.Low;
        result.Close = tick.Close;
        if (tick.IsIndex)
        {
            result.IndexChange = tick.IndexChange;
            result.ExchangeTimestamp = mode == TickMode.Full ? tick.ExchangeTimestamp : 0;
            return result;
        }

        result.LastTradedQuantity = tick.LastTradedQuantity;
        result.AverageTradedPrice = tick.AverageTradedPrice;
        result.VolumeTraded = tick.VolumeTraded;
        result.TotalBuyQuantity = tick.TotalBuyQuantity;
        result.TotalSellQuantity = tick.TotalSellQuantity;
        if (mode == TickMode.Full)
        {
            result.LastTradeTime = tick.LastTradeTime;
            result.Oi = tick.Oi;
            result.OiDayHigh = tick.OiDayHigh;
            result.OiDayLow = tick.OiDayLow;
            result.ExchangeTimestamp = tick.ExchangeTimestamp;
            result.Bids = tick.Bids;
            result.Asks = tick.Asks;
        }

        return result;
    }
}
