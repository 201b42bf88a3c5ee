namespace Engine.Core.Orders;

/// <summary>What moved an order from one state to another.</summary>
public enum TransitionCause : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>The broker's answer to a request (<see cref="OrderReply"/>).</summary>
    Reply = 1,

    /// <summary>An order update from the broker (WebSocket or postback).</summary>
    Update = 2,

    /// <summary>The engine sent a cancel.</summary>
    CancelSent = 3,

    /// <summary>The engine sent a modify.</summary>
    ModifySent = 4,
}
