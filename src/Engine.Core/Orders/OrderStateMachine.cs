namespace Engine.Core.Orders;

/// <summary>
/// The rules of an order's life, as pure functions of the order and one event: a reply to a
/// request, an update from the broker, or a request the engine sends. Each returns whether the
/// order changed and, if so, the transition to journal. An event that would make the order
/// impossible (a terminal order reopened or turned into another terminal state, more filled than
/// ordered, a fill taken back) yields an illegal transition and leaves the order as it was.
/// Kite's statuses the engine does not know stay non-terminal.
/// </summary>
public static class OrderStateMachine
{
    /// <summary>A new order, as the router sends it.</summary>
    public static TrackedOrder Create(in OrderRequest request) => new()
    {
        ClientOrderId = request.ClientOrderId,
        InstrumentToken = request.InstrumentToken,
        Side = request.Side,
        Product = request.Product,
        OrderType = request.OrderType,
        Quantity = request.Quantity,
        State = OrderState.PendingNew,
        BrokerStatus = OrderStatus.Unknown,
        InputSequence = request.InputSequence,
    };

    /// <summary>Applies the broker's answer to a request (or to a look-up).</summary>
    public static bool Apply(ref TrackedOrder order, in OrderReply reply, out OrderTransition transition)
    {
        transition = default;
        if (reply.BrokerOrderId != 0 && order.BrokerOrderId == 0)
        {
            order.BrokerOrderId = reply.BrokerOrderId;
        }

        var to = order.State;
        switch (reply.Action)
        {
            case OrderAction.Place:
            case OrderAction.None:
                to = reply.Outcome switch
                {
                    ReplyOutcome.Accepted or ReplyOutcome.Found => order.State == OrderState.PendingNew ? OrderState.Working : order.State,
                    ReplyOutcome.Rejected or ReplyOutcome.RateLimited => OrderState.Rejected,
                    _ => order.State,
                };
                if (to == OrderState.Rejected && order.State is OrderState.Rejected)
                {
                    return false;
                }

                if (to == OrderState.Rejected && order.State != OrderState.PendingNew)
                {
                    // A refusal of an order the broker already reported as working (or finished).
                    return Refuse(ref order, to, TransitionCause.Reply, OrderStatus.Unknown, out transition);
                }

                break;
            case OrderAction.Cancel:
                if (order.State == OrderState.PendingCancel && reply.Outcome is ReplyOutcome.Rejected or ReplyOutcome.RateLimited)
                {
                    to = OrderState.Working;
                }

                break;
            case OrderAction.Modify:
                if (order.State == OrderState.PendingModify && reply.Outcome is ReplyOutcome.Accepted or ReplyOutcome.Rejected or ReplyOutcome.RateLimited)
                {
                    to = OrderState.Working;
                }

                break;
        }

        return Move(ref order, to, TransitionCause.Reply, OrderStatus.Unknown, 0, 0, out transition);
    }

    /// <summary>Applies an order update from the broker.</summary>
    public static bool Apply(ref TrackedOrder order, in OrderUpdate update, out OrderTransition transition)
    {
        transition = default;
        var target = StateFor(update.Status, order.State);
        long filled = update.FilledQuantity;
        long quantity = update.Quantity > 0 ? update.Quantity : order.Quantity;
        if (filled < order.FilledQuantity || filled > quantity || quantity < order.FilledQuantity)
        {
            return Refuse(ref order, target, TransitionCause.Update, update.Status, out transition);
        }

        if (order.IsTerminal)
        {
            // The same end, told again, is no news; any other change of a finished order is impossible.
            if (target == order.State && filled == order.FilledQuantity)
            {
                return false;
            }

            return Refuse(ref order, target, TransitionCause.Update, update.Status, out transition);
        }

        if (target == OrderState.Complete && filled != quantity)
        {
            return Refuse(ref order, target, TransitionCause.Update, update.Status, out transition);
        }

        if (order.BrokerOrderId == 0 && update.OrderId != 0)
        {
            order.BrokerOrderId = update.OrderId;
        }

        long fillQuantity = filled - order.FilledQuantity;
        long fillPrice = 0;
        if (fillQuantity > 0)
        {
            // The broker reports the average over every fill; this fill's price is what the new
            // total adds to the old one.
            long value = update.AveragePrice * filled;
            fillPrice = (value - order.FilledValue) / fillQuantity;
            order.FilledValue = value;
            order.FilledQuantity = filled;
        }

        order.Quantity = quantity;
        var previousStatus = order.BrokerStatus;
        order.BrokerStatus = update.Status;
        if (!Move(ref order, target, TransitionCause.Update, update.Status, fillQuantity, fillPrice, out transition))
        {
            // No change of state or fill; a new broker status alone is still worth a record.
            if (previousStatus == update.Status)
            {
                return false;
            }

            transition = Transition(order, order.State, order.State, TransitionCause.Update, update.Status, 0, 0, illegal: false);
        }

        return true;
    }

    /// <summary>The engine sends a cancel for a working order.</summary>
    public static bool CancelSent(ref TrackedOrder order, out OrderTransition transition)
    {
        transition = default;
        if (order.State is not (OrderState.PendingNew or OrderState.Working or OrderState.PendingModify))
        {
            return false;
        }

        return Move(ref order, OrderState.PendingCancel, TransitionCause.CancelSent, OrderStatus.Unknown, 0, 0, out transition);
    }

    /// <summary>Kite's limit on modifications of one order.</summary>
    public const int KiteModificationsPerOrder = 25;

    /// <summary>The engine sends a modify for a working order, at most <paramref name="maxModifications"/> times per order (0: Kite's 25; the broker refuses the 26th).</summary>
    public static bool ModifySent(ref TrackedOrder order, int maxModifications, out OrderTransition transition)
    {
        transition = default;
        int cap = maxModifications > 0 ? Math.Min(maxModifications, KiteModificationsPerOrder) : KiteModificationsPerOrder;
        if (order.State != OrderState.Working || order.Modifications >= cap)
        {
            return false;
        }

        order.Modifications++;
        return Move(ref order, OrderState.PendingModify, TransitionCause.ModifySent, OrderStatus.Unknown, 0, 0, out transition);
    }

    /// <summary>The engine state a broker status means for an order now in <paramref name="current"/>.</summary>
    public static OrderState StateFor(OrderStatus status, OrderState current) => status switch
    {
        OrderStatus.Complete => OrderState.Complete,
        OrderStatus.Cancelled => OrderState.Cancelled,
        OrderStatus.Rejected => OrderState.Rejected,

        // A cancel or modify in flight stays in flight until the broker says how it ended.
        OrderStatus.Modified when current == OrderState.PendingModify => OrderState.Working,
        _ when current is OrderState.PendingCancel or OrderState.PendingModify => current,
        _ when current is OrderState.Complete or OrderState.Cancelled or OrderState.Rejected => OrderState.Working,
        _ => OrderState.Working,
    };

    private static bool Move(ref TrackedOrder order, OrderState to, TransitionCause cause, OrderStatus status, long fillQuantity, long fillPrice, out OrderTransition transition)
    {
        if (to == order.State && fillQuantity == 0)
        {
            transition = default;
            return false;
        }

        transition = Transition(order, order.State, to, cause, status, fillQuantity, fillPrice, illegal: false);
        order.State = to;
        return true;
    }

    private static bool Refuse(ref TrackedOrder order, OrderState to, TransitionCause cause, OrderStatus status, out OrderTransition transition)
    {
        transition = Transition(order, order.State, to, cause, status, 0, 0, illegal: true);
        return true;
    }

    private static OrderTransition Transition(in TrackedOrder order, OrderState from, OrderState to, TransitionCause cause, OrderStatus status, long fillQuantity, long fillPrice, bool illegal) => new()
    {
        ClientOrderId = order.ClientOrderId,
        FilledQuantity = order.FilledQuantity,
        FillQuantity = fillQuantity,
        FillPrice = fillPrice,
        From = from,
        To = to,
        Cause = cause,
        BrokerStatus = status,
        Illegal = illegal,
    };
}
