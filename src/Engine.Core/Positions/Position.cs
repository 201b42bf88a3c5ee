using Engine.Core.Orders;

namespace Engine.Core.Positions;

/// <summary>
/// The engine's position in one instrument and product, kept from its own fills. Prices and
/// values are in the instrument's wire units (paise for equities).
/// </summary>
public struct Position
{
    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>The product (MIS, CNC, NRML).</summary>
    public Product Product;

    /// <summary>Bought minus sold, units.</summary>
    public long NetQuantity;

    /// <summary>The average price of the open quantity (0 when flat).</summary>
    public long AveragePrice;

    /// <summary>Profit or loss already locked in by closing fills, wire units × units.</summary>
    public long RealizedPnl;

    /// <summary>Units bought today.</summary>
    public long BuyQuantity;

    /// <summary>Units sold today.</summary>
    public long SellQuantity;

    /// <summary>The value bought, wire units × units.</summary>
    public long BuyValue;

    /// <summary>The value sold, wire units × units.</summary>
    public long SellValue;
}
