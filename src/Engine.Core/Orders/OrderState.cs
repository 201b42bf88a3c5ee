namespace Engine.Core.Orders;

/// <summary>
/// Where the engine believes one of its orders stands: its own in-flight states (a request sent,
/// no answer yet) and the broker's, folded into what the engine acts on. Kite's own status, finer
/// grained, is kept beside it (<see cref="TrackedOrder.BrokerStatus"/>).
/// </summary>
public enum OrderState : byte
{
    /// <summary>No such order.</summary>
    None = 0,

    /// <summary>Sent to the broker; not answered yet (or the answer was lost and the look-up is pending).</summary>
    PendingNew = 1,

    /// <summary>The broker has it and it is not finished: validation, open, trigger pending, partly filled.</summary>
    Working = 2,

    /// <summary>A modify was sent and not answered yet.</summary>
    PendingModify = 3,

    /// <summary>A cancel was sent; the order may still fill until the broker confirms.</summary>
    PendingCancel = 4,

    /// <summary>Fully filled (terminal).</summary>
    Complete = 5,

    /// <summary>Cancelled, possibly after partial fills (terminal).</summary>
    Cancelled = 6,

    /// <summary>Refused by the broker or the exchange (terminal).</summary>
    Rejected = 7,
}
