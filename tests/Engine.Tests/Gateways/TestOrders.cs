using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;

namespace Engine.Tests.Gateways;

/// <summary>Order requests as the router hands them to a gateway.</summary>
internal static class TestOrders
{
    public const uint Infy = 408065;

    /// <summary>INFY as the instruments file lists it: tick 0.05, lot 1.</summary>
    public static readonly Instrument InfyInstrument = new(Infy, 1594, "INFY", "INFOSYS", 1500m, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");

    /// <summary>A full-mode INFY tick at ₹1,500.00, with <paramref name="depth"/> shares a side at ₹1,499.95 and ₹1,500.05.</summary>
    public static RingEvent InfyTick(uint depth)
    {
        var tick = new RingEvent { Kind = EventKind.Tick, ReceiveTimestampNs = 1 };
        tick.Tick = new Tick { InstrumentToken = Infy, Mode = TickMode.Full, Segment = Segments.Of(Infy), Tradable = true, PriceDivisor = 100, LastPrice = 150000 };
        tick.Tick.Asks[0] = new DepthLevel { Price = 150005, Quantity = depth, Orders = 1 };
        tick.Tick.Bids[0] = new DepthLevel { Price = 149995, Quantity = depth, Orders = 1 };
        return tick;
    }

    /// <summary>A market buy of one INFY, intraday, the broker choosing the protection.</summary>
    public static OrderRequest MarketBuy(ulong clientOrderId, uint instrumentToken = Infy) => new()
    {
        ClientOrderId = clientOrderId,
        Action = OrderAction.Place,
        InstrumentToken = instrumentToken,
        Side = Side.Buy,
        OrderType = OrderType.Market,
        Product = Product.Mis,
        Validity = Validity.Day,
        MarketProtection = -1,
        Quantity = 1,
    };
}
