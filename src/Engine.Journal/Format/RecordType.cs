namespace Engine.Journal.Format;

/// <summary>Record type ids, as stored in every record header and described in every segment's schema.</summary>
public enum RecordType : ushort
{
    /// <summary>Not a record.</summary>
    None = 0,

    /// <summary>A Kite tick packet exactly as received, with its frame and position (input).</summary>
    Tick = 1,

    /// <summary>A Kite order update text frame as received (input).</summary>
    OrderUpdate = 2,

    /// <summary>A Kite error or message text frame as received (input).</summary>
    BrokerText = 3,

    /// <summary>A session timer event (input).</summary>
    Timer = 4,

    /// <summary>An operator command (input).</summary>
    Command = 5,

    /// <summary>A strategy's signal intent (output).</summary>
    SignalIntent = 6,

    /// <summary>The risk gate's verdict on an intent (output).</summary>
    RiskVerdict = 7,

    /// <summary>An order request handed to the gateway (output).</summary>
    OrderRequest = 8,

    /// <summary>How a run was started: configuration, seed, version (meta).</summary>
    SessionStart = 9,

    /// <summary>An instrument the run trades or watches (meta).</summary>
    Instrument = 10,

    /// <summary>A packet of a known length the tick decoder refused, kept as received (input).</summary>
    UndecodablePacket = 11,

    /// <summary>The broker's answer to an order request or a look-up, with its body as received (input).</summary>
    OrderReply = 12,

    /// <summary>A change of an order's state decided by the order tracker, with the fill it carried (output).</summary>
    OrderTransition = 13,

    /// <summary>A change of the trading state, with its cause and the limit behind it (output).</summary>
    RiskState = 14,

    /// <summary>The account and every limit's distance at an input (output).</summary>
    RiskSnapshot = 15,

    /// <summary>An input's stage stamps (meta: never replayed or compared).</summary>
    Latency = 16,
}
