namespace Engine.Core.Orders;

/// <summary>
/// The fields of a Kite order update (WebSocket <c>{"type":"order"}</c> or HTTP postback) the
/// engine acts on. Prices are in the instrument's wire units; the full JSON stays in the slot's text.
/// </summary>
public struct OrderUpdate
{
    /// <summary>order_id (Kite's are 15-19 digit numbers sent as strings).</summary>
    public ulong OrderId;

    /// <summary>exchange_order_id, 0 before the order reaches the exchange.</summary>
    public ulong ExchangeOrderId;

    /// <summary>status.</summary>
    public OrderStatus Status;

    /// <summary>transaction_type.</summary>
    public Side Side;

    /// <summary>instrument_token.</summary>
    public uint InstrumentToken;

    /// <summary>quantity.</summary>
    public long Quantity;

    /// <summary>filled_quantity.</summary>
    public long FilledQuantity;

    /// <summary>pending_quantity.</summary>
    public long PendingQuantity;

    /// <summary>cancelled_quantity.</summary>
    public long CancelledQuantity;

    /// <summary>price, in wire units.</summary>
    public long Price;

    /// <summary>trigger_price, in wire units.</summary>
    public long TriggerPrice;

    /// <summary>average_price of the fills, in wire units.</summary>
    public long AveragePrice;

    /// <summary>The tag's bytes (see <see cref="TagLength"/>).</summary>
    public OrderTag Tag;

    /// <summary>How many bytes of <see cref="Tag"/> are used.</summary>
    public byte TagLength;

    /// <summary>The tag as text (allocates; for reports, not the hot path).</summary>
    public readonly string TagText
    {
        get
        {
            ReadOnlySpan<byte> tag = Tag;
            return System.Text.Encoding.ASCII.GetString(tag[..TagLength]);
        }
    }
}
