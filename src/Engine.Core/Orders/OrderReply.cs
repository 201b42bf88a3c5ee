namespace Engine.Core.Orders;

/// <summary>
/// The broker's answer to one request (place, modify, cancel) or to a look-up, as an input in the
/// ring (<see cref="Events.EventKind.OrderReply"/>); the response body as received is in the slot's
/// text, for the journal. The gateway's thread fills it; the order tracker applies it.
/// </summary>
public struct OrderReply
{
    /// <summary>The engine's order id the request was for.</summary>
    public ulong ClientOrderId;

    /// <summary>The broker's order id, when the answer carried one.</summary>
    public ulong BrokerOrderId;

    /// <summary>The request this answers (<see cref="OrderAction.None"/> for a look-up).</summary>
    public OrderAction Action;

    /// <summary>What the answer amounted to.</summary>
    public ReplyOutcome Outcome;

    /// <summary>The broker's error type, when refused.</summary>
    public BrokerError Error;

    /// <summary>The HTTP status; 0 when there was no answer.</summary>
    public short HttpStatus;

    /// <summary>Which attempt this was (1 for the first send; a re-send after a look-up found the order absent is 2, ...).</summary>
    public short Attempt;

    /// <summary>From the request leaving the gateway to its answer, in nanoseconds.</summary>
    public long LatencyNs;

    /// <summary>When the router handed the answered request to the gateway (<see cref="Events.StageStamps"/> ticks; 0 if unknown). Not journaled in the reply record; the latency record keeps it.</summary>
    public long HandedTicks;

    /// <summary>When the request went on the wire (0 if unknown).</summary>
    public long SentTicks;

    /// <summary>When the answer arrived (0 if unknown).</summary>
    public long AnsweredTicks;

    /// <summary>The input whose decision made the request.</summary>
    public long CauseSequence;
}
