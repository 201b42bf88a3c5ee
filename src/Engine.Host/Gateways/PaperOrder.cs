using Engine.Core.Matching;
using Engine.Core.Orders;

namespace Engine.Host.Gateways;

/// <summary>One order at the paper broker. Prices in wire units.</summary>
internal struct PaperOrder
{
    public ulong ClientOrderId;
    public ulong BrokerOrderId;
    public uint InstrumentToken;
    public Side Side;
    public OrderType OrderType;
    public Product Product;
    public Validity Validity;
    public OrderStatus Status;
    public RejectReason Reason;
    public long Quantity;
    public long Filled;
    public long FilledValue;
    public long Cancelled;
    public long Price;
    public long TriggerPrice;
}
