using Engine.Core.Matching;
using Engine.Core.Orders;

namespace Engine.Host.Gateways;

/// <summary>What the paper broker tells the engine: a reply to a request, or an order's new state.</summary>
internal enum PaperAnswerKind : byte
{
    Reply,
    Update,
}

/// <summary>One answer of the paper broker, queued on the router's thread and published on its own.</summary>
internal struct PaperAnswer
{
    public PaperAnswerKind Kind;
    public ulong ClientOrderId;
    public ulong BrokerOrderId;
    public uint InstrumentToken;
    public OrderAction Action;
    public ReplyOutcome Outcome;
    public BrokerError Error;
    public RejectReason Reason;
    public Side Side;
    public OrderType OrderType;
    public Product Product;
    public Validity Validity;
    public OrderStatus Status;
    public long Quantity;
    public long Filled;
    public long FilledValue;
    public long Cancelled;
    public long Price;
    public long TriggerPrice;
    public long ReceiveTimestampNs;

    public static PaperAnswer ReplyOf(in OrderRequest request, ReplyOutcome outcome, BrokerError error, ulong brokerOrderId, RejectReason reason) => new()
    {
        Kind = PaperAnswerKind.Reply,
        ClientOrderId = request.ClientOrderId,
        BrokerOrderId = brokerOrderId,
        InstrumentToken = request.InstrumentToken,
        Action = request.Action == OrderAction.None ? OrderAction.Place : request.Action,
        Outcome = outcome,
        Error = error,
        Reason = reason,
    };

    public static PaperAnswer UpdateOf(in PaperOrder order) => new()
    {
        Kind = PaperAnswerKind.Update,
        ClientOrderId = order.ClientOrderId,
        BrokerOrderId = order.BrokerOrderId,
        InstrumentToken = order.InstrumentToken,
        Reason = order.Reason,
        Side = order.Side,
        OrderType = order.OrderType,
        Product = order.Product,
        Validity = order.Validity,
        Status = order.Status,
        Quantity = order.Quantity,
        Filled = order.Filled,
        FilledValue = order.FilledValue,
        Cancelled = order.Cancelled,
        Price = order.Price,
        TriggerPrice = order.TriggerPrice,
    };
}
