namespace Engine.Core.Orders;

/// <summary>One of the engine's orders as the order tracker knows it. Prices in wire units.</summary>
public struct TrackedOrder
{
    /// <summary>The engine's id (also the Kite tag).</summary>
    public ulong ClientOrderId;

    /// <summary>The broker's id, once known.</summary>
    public ulong BrokerOrderId;

    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>The product.</summary>
    public Product Product;

    /// <summary>The order type.</summary>
    public OrderType OrderType;

    /// <summary>Where it stands.</summary>
    public OrderState State;

    /// <summary>The broker's last status for it.</summary>
    public OrderStatus BrokerStatus;

    /// <summary>Quantity ordered.</summary>
    public long Quantity;

    /// <summary>Quantity filled so far.</summary>
    public long FilledQuantity;

    /// <summary>Filled value so far (quantity × price, wire units), so each new fill's price follows from the broker's average.</summary>
    public long FilledValue;

    /// <summary>Modifications sent (Kite allows 25 per order).</summary>
    public int Modifications;

    /// <summary>The input that created it.</summary>
    public long InputSequence;

    /// <summary>True once the order can change no more.</summary>
    public readonly bool IsTerminal => State is OrderState.Complete or OrderState.Cancelled or OrderState.Rejected;

    /// <summary>True while the order can still fill or be cancelled.</summary>
    public readonly bool IsOpen => State is OrderState.PendingNew or OrderState.Working or OrderState.PendingModify or OrderState.PendingCancel;
}
