namespace Engine.Core.Events;

/// <summary>What a ring slot holds. Every input to the engine is one of these.</summary>
public enum EventKind : byte
{
    /// <summary>An empty slot.</summary>
    None = 0,

    /// <summary>A market data tick: <see cref="RingEvent.Tick"/>, raw bytes in <see cref="RingEvent.Raw"/>.</summary>
    Tick = 1,

    /// <summary>An order update from the broker: <see cref="RingEvent.Order"/>, raw JSON in <see cref="RingEvent.TextBytes"/>.</summary>
    OrderUpdate = 2,

    /// <summary>A broker error or message text frame, raw in <see cref="RingEvent.TextBytes"/>.</summary>
    BrokerText = 3,

    /// <summary>A timer event (session open, close, square-off).</summary>
    Timer = 4,

    /// <summary>An operator command (kill switch, resume, flatten).</summary>
    Command = 5,

    /// <summary>
    /// A packet of a length Kite defines that the decoder refused: its bytes as received are in
    /// <see cref="RingEvent.Raw"/> (journaled, so nothing is lost), and it is never a tick.
    /// </summary>
    Undecodable = 6,

    /// <summary>The broker's answer to an order request or a look-up: <see cref="RingEvent.Reply"/>, the response body as received in <see cref="RingEvent.TextBytes"/>.</summary>
    OrderReply = 7,
}
