using Engine.Core.Instruments;

namespace Engine.Core.Market;

/// <summary>
/// One decoded Kite tick, stored inline in a ring slot. Prices stay in the segment's wire units
/// (paise for most; see <see cref="PriceDivisor"/>); convert to rupees only at the edges. Fields a
/// packet of the given <see cref="Mode"/> does not carry are zero.
/// </summary>
/// <remarks>
/// The fields every tick's stages read (token, divisor, last price, volume, close, exchange time)
/// come first, so they share the slot's first cache lines with its header; the depth, read by
/// few, comes last.
/// </remarks>
public struct Tick : IEquatable<Tick>
{
    /// <summary>Kite's instrument token.</summary>
    public uint InstrumentToken;

    /// <summary>The packet's detail level.</summary>
    public TickMode Mode;

    /// <summary>From the token's low byte.</summary>
    public ExchangeSegment Segment;

    /// <summary>False for indices.</summary>
    public bool Tradable;

    /// <summary>Divide wire prices by this for rupees.</summary>
    public int PriceDivisor;

    /// <summary>last_price.</summary>
    public long LastPrice;

    /// <summary>volume_traded for the day (Kite JSON: volume).</summary>
    public long VolumeTraded;

    /// <summary>Previous session's close.</summary>
    public long Close;

    /// <summary>exchange_timestamp, Unix seconds; 0 when not sent.</summary>
    public long ExchangeTimestamp;

    /// <summary>last_traded_quantity (Kite JSON: last_quantity).</summary>
    public long LastTradedQuantity;

    /// <summary>average_traded_price, the day's VWAP (Kite JSON: average_price).</summary>
    public long AverageTradedPrice;

    /// <summary>total_buy_quantity pending (Kite JSON: buy_quantity).</summary>
    public long TotalBuyQuantity;

    /// <summary>total_sell_quantity pending (Kite JSON: sell_quantity).</summary>
    public long TotalSellQuantity;

    /// <summary>Day open.</summary>
    public long Open;

    /// <summary>Day high.</summary>
    public long High;

    /// <summary>Day low.</summary>
    public long Low;

    /// <summary>Index packets only: the absolute price change the exchange sends (signed).</summary>
    public long IndexChange;

    /// <summary>last_trade_time, Unix seconds; 0 when not sent.</summary>
    public long LastTradeTime;

    /// <summary>Open interest.</summary>
    public long Oi;

    /// <summary>Day high of open interest.</summary>
    public long OiDayHigh;

    /// <summary>Day low of open interest.</summary>
    public long OiDayLow;

    /// <summary>Five bid levels (full mode).</summary>
    public DepthSide Bids;

    /// <summary>Five ask levels (full mode).</summary>
    public DepthSide Asks;

    /// <summary>True for index packets (segment 9), which have their own layouts.</summary>
    public readonly bool IsIndex => Segment == ExchangeSegment.Indices;

    /// <summary>Absolute change against the previous close, in wire units (<c>net_change</c> in Kite's REST quote).</summary>
    public readonly long NetChange => Close == 0 ? 0 : LastPrice - Close;

    /// <summary>Change against the previous close in percent, as the Python and JS clients compute <c>change</c>; 0 when there is no close.</summary>
    public readonly double ChangePercent => Close == 0 ? 0 : (LastPrice - Close) * 100.0 / Close;

    /// <summary>Resets every field, so a reused slot carries nothing from its previous tick.</summary>
    public void Clear() => this = default;

    /// <inheritdoc/>
    public readonly bool Equals(Tick other)
    {
        if (InstrumentToken != other.InstrumentToken || Mode != other.Mode || Segment != other.Segment || Tradable != other.Tradable
            || PriceDivisor != other.PriceDivisor || LastPrice != other.LastPrice || LastTradedQuantity != other.LastTradedQuantity
            || AverageTradedPrice != other.AverageTradedPrice || VolumeTraded != other.VolumeTraded || TotalBuyQuantity != other.TotalBuyQuantity
            || TotalSellQuantity != other.TotalSellQuantity || Open != other.Open || High != other.High || Low != other.Low || Close != other.Close
            || IndexChange != other.IndexChange || LastTradeTime != other.LastTradeTime || Oi != other.Oi || OiDayHigh != other.OiDayHigh
            || OiDayLow != other.OiDayLow || ExchangeTimestamp != other.ExchangeTimestamp)
        {
            return false;
        }

        for (int i = 0; i < DepthSide.Levels; i++)
        {
            if (Bids[i] != other.Bids[i] || Asks[i] != other.Asks[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Tick other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(InstrumentToken, Mode, LastPrice, VolumeTraded, ExchangeTimestamp);

    /// <summary>Equality of every field.</summary>
    public static bool operator ==(Tick left, Tick right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Tick left, Tick right) => !left.Equals(right);

    /// <inheritdoc/>
    public override readonly string ToString() =>
        $"{InstrumentToken} {Mode} ltp={LastPrice}/{PriceDivisor} vol={VolumeTraded} ohlc={Open}/{High}/{Low}/{Close} ts={ExchangeTimestamp}";
}
