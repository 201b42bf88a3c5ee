namespace Engine.Core.Orders;

/// <summary>
/// One change of an order's state, as the order tracker decides it on the ring thread and the
/// journal records it (<c>order_transition</c>): from, to, why, and the fill it carried. An
/// illegal change (a terminal order reopened, more filled than ordered, a fill taken back) is
/// recorded with <see cref="Illegal"/> set and never applied.
/// </summary>
public struct OrderTransition
{
    /// <summary>The engine's order id.</summary>
    public ulong ClientOrderId;

    /// <summary>Total filled quantity after the transition.</summary>
    public long FilledQuantity;

    /// <summary>What this transition filled (0 if nothing).</summary>
    public long FillQuantity;

    /// <summary>The price of <see cref="FillQuantity"/>, wire units.</summary>
    public long FillPrice;

    /// <summary>The state before.</summary>
    public OrderState From;

    /// <summary>The state after (for an illegal transition: the state that was asked for and refused).</summary>
    public OrderState To;

    /// <summary>What caused it.</summary>
    public TransitionCause Cause;

    /// <summary>The broker's status that came with it (<see cref="OrderStatus.Unknown"/> if none).</summary>
    public OrderStatus BrokerStatus;

    /// <summary>True when the change was refused as impossible; the order stays as it was.</summary>
    public bool Illegal;
}
