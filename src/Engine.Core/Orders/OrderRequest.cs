namespace Engine.Core.Orders;

/// <summary>An order the engine decided to place, as handed to the gateway (and journaled before it is).</summary>
public struct OrderRequest
{
    /// <summary>The engine's own id, deterministic from the input that caused it (and sent as the Kite tag).</summary>
    public ulong ClientOrderId;

    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>Order type.</summary>
    public OrderType OrderType;

    /// <summary>Product.</summary>
    public Product Product;

    /// <summary>Quantity in units.</summary>
    public long Quantity;

    /// <summary>Limit price, wire units; 0 for market orders.</summary>
    public long Price;

    /// <summary>Trigger price, wire units; 0 if none.</summary>
    public long TriggerPrice;

    /// <summary>The input sequence that caused it.</summary>
    public long InputSequence;
}
