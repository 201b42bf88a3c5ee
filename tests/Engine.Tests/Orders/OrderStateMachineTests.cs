using Engine.Core.Orders;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Orders;

/// <summary>The order state machine: hand-worked lives, and any sequence of broker events.</summary>
public sealed class OrderStateMachineTests
{
    private static TrackedOrder NewOrder(long quantity = 10) => OrderStateMachine.Create(new OrderRequest
    {
        ClientOrderId = 160,
        InstrumentToken = 408065,
        Side = Side.Buy,
        OrderType = OrderType.Market,
        Product = Product.Mis,
        Quantity = quantity,
        Action = OrderAction.Place,
    });

    [Fact]
    public void AnOrderAckedThenFilledInTwoPartsGoesWorkingToCompleteWithEachFillsPrice()
    {
        var order = NewOrder();
        Assert.True(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Accepted, broker: 77), out var acked));
        Assert.Equal((OrderState.PendingNew, OrderState.Working, 77UL), (acked.From, acked.To, order.BrokerOrderId));

        Assert.True(OrderStateMachine.Apply(ref order, Update(OrderStatus.Open, filled: 4, average: 150005), out var first));
        Assert.Equal((4L, 150005L, OrderState.Working), (first.FillQuantity, first.FillPrice, order.State));

        // The broker reports the average over both fills: 6 more at 150010 average to 150008.
        Assert.True(OrderStateMachine.Apply(ref order, Update(OrderStatus.Complete, filled: 10, average: 150008), out var second));
        Assert.Equal((6L, 150010L, OrderState.Working, OrderState.Complete), (second.FillQuantity, second.FillPrice, second.From, second.To));
        Assert.True(order.IsTerminal);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(0, 25)]
    [InlineData(40, 25)]
    public void AnOrderTakesNoMoreModificationsThanTheBudgetAndNeverMoreThanKites25(int budget, int allowed)
    {
        var order = NewOrder();
        Assert.True(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Accepted, broker: 77), out _));
        int sent = 0;
        for (int i = 0; i < 30; i++)
        {
            if (OrderStateMachine.ModifySent(ref order, budget, out _))
            {
                sent++;
                Assert.True(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Accepted, action: OrderAction.Modify), out _));
            }
        }

        Assert.Equal((allowed, allowed, OrderState.Working), (sent, order.Modifications, order.State));
    }

    [Fact]
    public void AnUpdateThatOvertakesThePlaceReplyIsAppliedAndTheLateReplyChangesNothing()
    {
        var order = NewOrder();
        Assert.True(OrderStateMachine.Apply(ref order, Update(OrderStatus.Open, filled: 0, orderId: 77), out var open));
        Assert.Equal((OrderState.PendingNew, OrderState.Working), (open.From, open.To));
        Assert.False(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Accepted, broker: 77), out _));
        Assert.Equal(77UL, order.BrokerOrderId);
    }

    [Fact]
    public void AnUnansweredPlaceStaysPendingUntilTheLookUpFindsIt()
    {
        var order = NewOrder();
        Assert.False(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.NoAnswer), out _));
        Assert.Equal(OrderState.PendingNew, order.State);
        Assert.False(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Absent), out _));
        Assert.True(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Found, broker: 9), out var found));
        Assert.Equal((OrderState.Working, 9UL), (found.To, order.BrokerOrderId));
    }

    [Fact]
    public void ARefusedCancelReturnsToWorkingAndAConfirmedOneEndsCancelledAfterPartialFills()
    {
        var order = NewOrder();
        OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Accepted, broker: 5), out _);
        Assert.True(OrderStateMachine.CancelSent(ref order, out var sent));
        Assert.Equal(OrderState.PendingCancel, sent.To);
        Assert.True(OrderStateMachine.Apply(ref order, Reply(ReplyOutcome.Rejected, action: OrderAction.Cancel), out var refused));
        Assert.Equal(OrderState.Working, refused.To);

        OrderStateMachine.CancelSent(ref order, out _);
        OrderStateMachine.Apply(ref order, Update(OrderStatus.Open, filled: 3, average: 100), out _);
        Assert.Equal(OrderState.PendingCancel, order.State);   // still in flight: it may fill until confirmed
        Assert.True(OrderStateMachine.Apply(ref order, Update(OrderStatus.Cancelled, filled: 3, average: 100), out var cancelled));
        Assert.Equal((OrderState.Cancelled, 3L), (cancelled.To, order.FilledQuantity));
    }

    [Theory]
    [InlineData(OrderStatus.Open, 3)]       // reopening a finished order
    [InlineData(OrderStatus.Rejected, 10)]  // a finished order turned into another end
    [InlineData(OrderStatus.Complete, 12)]  // more filled than ordered
    public void ImpossibleUpdatesOfAFinishedOrderAreRefusedAndNotApplied(OrderStatus status, long filled)
    {
        var order = NewOrder();
        OrderStateMachine.Apply(ref order, Update(OrderStatus.Complete, filled: 10, average: 100), out _);
        var before = order;
        Assert.True(OrderStateMachine.Apply(ref order, Update(status, filled, average: 100), out var refused));
        Assert.True(refused.Illegal);
        Assert.Equal(before, order);
    }

    [Fact]
    public void AFillTakenBackIsRefused()
    {
        var order = NewOrder();
        OrderStateMachine.Apply(ref order, Update(OrderStatus.Open, filled: 6, average: 100), out _);
        Assert.True(OrderStateMachine.Apply(ref order, Update(OrderStatus.Open, filled: 4, average: 100), out var refused));
        Assert.True(refused.Illegal);
        Assert.Equal(6, order.FilledQuantity);
    }

    [Fact]
    public void UnknownBrokerStatusesStayNonTerminal()
    {
        var order = NewOrder();
        OrderStateMachine.Apply(ref order, Update(OrderStatus.Unknown, filled: 0), out _);
        Assert.Equal(OrderState.Working, order.State);
        Assert.False(order.IsTerminal);
    }

    [Fact]
    public void AnySequenceOfEventsKeepsTheOrderPossible()
    {
        var statuses = Enum.GetValues<OrderStatus>();
        var outcomes = Enum.GetValues<ReplyOutcome>();
        var actions = new[] { OrderAction.Place, OrderAction.Cancel, OrderAction.Modify };
        var eventGen =
            from kind in Gen.Choose(0, 4)
            from status in Gen.Elements(statuses)
            from outcome in Gen.Elements(outcomes)
            from action in Gen.Elements(actions)
            from filled in Gen.Choose(0, 14)
            from quantity in Gen.Elements(10, 10, 10, 12, 8)
            from average in Gen.Choose(90, 110)
            select (kind, status, outcome, action, (long)filled, (long)quantity, (long)average);
        Prop.ForAll(Arb.From(Gen.ArrayOf(eventGen)), events =>
        {
            var order = NewOrder();
            long fills = 0;
            foreach (var (kind, status, outcome, action, filled, quantity, average) in events)
            {
                var before = order;
                bool changed;
                OrderTransition t;
                switch (kind)
                {
                    case 0:
                        changed = OrderStateMachine.Apply(ref order, Reply(outcome, action: action, broker: 5), out t);
                        break;
                    case 1:
                        changed = OrderStateMachine.CancelSent(ref order, out t);
                        break;
                    case 2:
                        changed = OrderStateMachine.ModifySent(ref order, 0, out t);
                        break;
                    default:
                        changed = OrderStateMachine.Apply(ref order, Update(status, filled, average, quantity: quantity), out t);
                        break;
                }

                if (order.State == OrderState.None || order.FilledQuantity > order.Quantity || order.FilledQuantity < before.FilledQuantity)
                {
                    return false.Label($"impossible order after {kind}/{status}: {order.State} filled {order.FilledQuantity} of {order.Quantity}");
                }

                if (before.IsTerminal && (order.State != before.State || order.FilledQuantity != before.FilledQuantity))
                {
                    return false.Label($"a terminal {before.State} order became {order.State}");
                }

                if (changed && t.Illegal && (order.State != before.State || order.FilledQuantity != before.FilledQuantity))
                {
                    return false.Label("an illegal transition was applied");
                }

                if (changed && !t.Illegal && (t.From != before.State || t.To != order.State))
                {
                    return false.Label($"transition {t.From}->{t.To} but the order went {before.State}->{order.State}");
                }

                fills += changed && !t.Illegal ? t.FillQuantity : 0;
            }

            return (fills == order.FilledQuantity).Label($"fills {fills} but filled {order.FilledQuantity}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static OrderReply Reply(ReplyOutcome outcome, ulong broker = 0, OrderAction action = OrderAction.Place) => new()
    {
        ClientOrderId = 160,
        BrokerOrderId = broker,
        Action = action,
        Outcome = outcome,
        HttpStatus = 200,
        Attempt = 1,
    };

    private static OrderUpdate Update(OrderStatus status, long filled, long average = 0, ulong orderId = 77, long quantity = 10) => new()
    {
        OrderId = orderId,
        Status = status,
        Side = Side.Buy,
        InstrumentToken = 408065,
        Quantity = quantity,
        FilledQuantity = filled,
        AveragePrice = average,
    };
}
