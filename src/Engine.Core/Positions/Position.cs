using Engine.Core.Orders;

namespace Engine.Core.Positions;

/// <summary>
/// The engine's position in one instrument and product, kept from its own fills and marked at the
/// last traded price. Prices are in the instrument's wire units (paise for equities); values and
/// P&amp;L are wire units × units (paise for equities).
/// </summary>
public struct Position
{
    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>The product (MIS, CNC, NRML).</summary>
    public Product Product;

    /// <summary>Bought minus sold, units.</summary>
    public long NetQuantity;

    /// <summary>
    /// What the open quantity cost, signed like it (a short's is minus what it was sold for). Kept
    /// as a value, not an average, so a position that closes realises exactly what was sold less
    /// what was bought, whatever fractions of a paisa the average had.
    /// </summary>
    public long OpenCost;

    /// <summary>The average price of the open quantity, to the unit below (0 when flat).</summary>
    public readonly long AveragePrice => NetQuantity == 0 ? 0 : OpenCost / NetQuantity;

    /// <summary>Profit or loss already locked in by closing fills.</summary>
    public long RealizedPnl;

    /// <summary>The last traded price the position is marked at (0 before the first tick).</summary>
    public long LastPrice;

    /// <summary>Units bought today.</summary>
    public long BuyQuantity;

    /// <summary>Units sold today.</summary>
    public long SellQuantity;

    /// <summary>The value bought.</summary>
    public long BuyValue;

    /// <summary>The value sold.</summary>
    public long SellValue;

    /// <summary>Brokerage on the executed orders, per order as the schedule says.</summary>
    public long Brokerage;

    /// <summary>Every charge on today's trades (brokerage, STT, exchange, SEBI, stamp duty, GST).</summary>
    public long Charges;

    /// <summary>Realised P&amp;L of the round trip now open (since the position was last flat).</summary>
    public long TripRealizedPnl;

    /// <summary>Mark-to-market of the open quantity at <see cref="LastPrice"/> (0 before the first tick or when flat).</summary>
    public readonly long UnrealizedPnl => NetQuantity == 0 || LastPrice == 0 ? 0 : (NetQuantity * LastPrice) - OpenCost;

    /// <summary>Today's P&amp;L before charges: realised plus mark-to-market (the engine starts each day flat).</summary>
    public readonly long DayPnl => RealizedPnl + UnrealizedPnl;

    /// <summary>The open quantity's value at the last price (signed: short is negative).</summary>
    public readonly long MarketValue => LastPrice != 0 ? NetQuantity * LastPrice : OpenCost;
}
