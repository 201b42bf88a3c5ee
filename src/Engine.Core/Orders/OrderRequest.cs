namespace Engine.Core.Orders;

/// <summary>
/// One request to the broker, as the router hands it to the gateway and the journal records it:
/// a new order (from an accepted intent, or the engine's own square-off and flatten), or a modify
/// or cancel of a working order. Prices are in the instrument's wire units (paise for equities).
/// </summary>
public struct OrderRequest
{
    /// <summary>The engine's own order id, deterministic from the input that caused the order (sent to Kite as the order's <c>tag</c>).</summary>
    public ulong ClientOrderId;

    /// <summary>The broker's order id, for a modify or cancel; 0 while the broker has not answered the place.</summary>
    public ulong BrokerOrderId;

    /// <summary>Place, modify or cancel.</summary>
    public OrderAction Action;

    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>Market, limit, SL or SL-M.</summary>
    public OrderType OrderType;

    /// <summary>MIS, CNC or NRML.</summary>
    public Product Product;

    /// <summary>DAY, IOC or TTL.</summary>
    public Validity Validity;

    /// <summary>Kite's <c>market_protection</c> for MARKET and SL-M orders: -1 automatic, 1 to 100 percent (0, none, is rejected since April 2026).</summary>
    public short MarketProtection;

    /// <summary>Minutes, with <see cref="Validity.Ttl"/>.</summary>
    public short ValidityTtlMinutes;

    /// <summary>Units (shares, or lots × lot size).</summary>
    public long Quantity;

    /// <summary>Limit price for LIMIT and SL, wire units; 0 otherwise.</summary>
    public long Price;

    /// <summary>Trigger price for SL and SL-M, wire units; 0 otherwise.</summary>
    public long TriggerPrice;

    /// <summary>The input that caused this request.</summary>
    public long InputSequence;

    /// <summary>When the gateway took the request from the router (<see cref="Events.StageStamps"/> ticks), set by the gateway on its own copy; never journaled.</summary>
    public long HandedTicks;
}
