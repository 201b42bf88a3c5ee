using Engine.Core.Matching;
using Engine.Core.Orders;

namespace Engine.Host.Gateways;

/// <summary>What the paper broker tells the engine: a reply to a request, or an order's new state.</summary>
internal enum PaperAnswerKind : byte
{
    Reply,
    Update,
}

/// <summary>
/// One answer of the paper broker, queued on the router's thread and published on its own: a reply
/// (with what it answered and the order's ids) or an update (with the order as it now stands).
/// </summary>
internal struct PaperAnswer
{
    public PaperAnswerKind Kind;
    public OrderAction Action;
    public ReplyOutcome Outcome;
    public BrokerError Error;
    public long ReceiveTimestampNs;
    public PaperOrder Order;

    // The request's hops, for the latency record: handed by the router, taken up by the broker
    // (its "wire"), and the input that caused it.
    public long HandedTicks;
    public long SentTicks;
    public long CauseSequence;

    // Why a request was refused when no order check says it: one of the constant texts below.
    public string? Refusal;

    public const string UnknownInstrument = "Invalid instrument: the paper broker does not list this instrument";
    public const string DuplicateTag = "Invalid order: an order with this tag was already placed";
    public const string NotOpen = "The order is not open at the paper broker";

    public static PaperAnswer ReplyOf(in OrderRequest request, ReplyOutcome outcome, BrokerError error, ulong brokerOrderId, RejectReason reason, string? refusal = null) => new()
    {
        Refusal = refusal,
        Kind = PaperAnswerKind.Reply,
        Action = request.Action == OrderAction.None ? OrderAction.Place : request.Action,
        Outcome = outcome,
        Error = error,
        Order = new PaperOrder { ClientOrderId = request.ClientOrderId, BrokerOrderId = brokerOrderId, InstrumentToken = request.InstrumentToken, Reason = reason },
        HandedTicks = request.HandedTicks,
        SentTicks = request.HandedTicks == 0 ? 0 : Engine.Core.Events.StageStamps.Now(),
        CauseSequence = request.InputSequence,
    };

    public static PaperAnswer UpdateOf(in PaperOrder order) => new() { Kind = PaperAnswerKind.Update, Order = order };
}
