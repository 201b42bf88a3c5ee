using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Core.Strategies;

namespace Engine.Tests.Orders;

/// <summary>The order stage: orders registered from accepted intents, answers applied, fills into positions, square-off and flatten.</summary>
public sealed class OrderTrackerTests
{
    private const uint Infy = 408065;
    private const uint Tcs = 2953217;
    private long _sequence;

    [Fact]
    public void AcceptedIntentsBecomeTrackedOrdersAndTheirFillsMoveThePosition()
    {
        var tracker = new OrderTracker();
        ulong id = Intent(tracker, Infy, Side.Buy, quantity: 5);
        Assert.Equal((1, 1L), (tracker.Count, tracker.Open));

        var reply = Event(EventKind.OrderReply);
        reply.Reply = new OrderReply { ClientOrderId = id, BrokerOrderId = 900, Action = OrderAction.Place, Outcome = ReplyOutcome.Accepted, HttpStatus = 200 };
        tracker.OnEvent(ref reply, 0, true);
        Assert.Equal(1, reply.TransitionCount);
        Assert.Equal((OrderState.PendingNew, OrderState.Working), (reply.Transitions[0].From, reply.Transitions[0].To));

        // The broker's update finds the order by its broker id as well as by its tag.
        var fill = Update(broker: 900, tag: null, OrderStatus.Complete, filled: 5, average: 150000);
        tracker.OnEvent(ref fill, 0, true);
        Assert.Equal((5L, 150000L), (fill.Transitions[0].FillQuantity, fill.Transitions[0].FillPrice));
        var position = tracker.Positions.Get(Infy, Product.Mis);
        Assert.Equal((5L, 150000L), (position.NetQuantity, position.AveragePrice));
        Assert.Equal((0L, 1L, 1L), (tracker.Open, tracker.Complete, tracker.Fills));
    }

    [Fact]
    public void UpdatesForOrdersTheEngineDidNotSendAreCountedAndIgnored()
    {
        var tracker = new OrderTracker();
        var foreign = Update(broker: 123, tag: "manual", OrderStatus.Complete, filled: 1, average: 100);
        tracker.OnEvent(ref foreign, 0, true);
        Assert.Equal((0, 1L), (foreign.TransitionCount, tracker.ForeignUpdates));
    }

    [Fact]
    public void SquareOffCancelsOpenIntradayOrdersThenClosesTheIntradayPositionWithAMarketOrder()
    {
        var tracker = new OrderTracker(new OrderTrackerOptions { MarketProtection = 3 });
        ulong bought = Intent(tracker, Infy, Side.Buy, quantity: 5);
        Answer(tracker, bought, broker: 1, OrderStatus.Complete, filled: 5, average: 150000);
        ulong resting = Intent(tracker, Tcs, Side.Buy, quantity: 2);
        Answer(tracker, resting, broker: 2, OrderStatus.Open, filled: 0, average: 0);

        var squareOff = Event(EventKind.Timer);
        squareOff.Timer = TimerKind.SquareOff;
        tracker.OnEvent(ref squareOff, 0, true);

        // The resting order is cancelled; INFY, with no open order, is closed at once.
        Assert.Equal(2, squareOff.ActionCount);
        var cancel = squareOff.Actions[0];
        Assert.Equal((OrderAction.Cancel, resting, 2UL), (cancel.Action, cancel.ClientOrderId, cancel.BrokerOrderId));
        var close = squareOff.Actions[1];
        Assert.Equal((OrderAction.Place, Infy, Side.Sell, 5L, OrderType.Market, (short)3), (close.Action, close.InstrumentToken, close.Side, close.Quantity, close.OrderType, close.MarketProtection));
        Assert.True(OrderIds.IsSystem(close.ClientOrderId));
        Assert.True(tracker.Flattening);

        // The cancelled order had filled 1 before the cancel took: TCS is closed once nothing is open for it.
        var cancelled = Update(broker: 2, tag: null, OrderStatus.Cancelled, filled: 1, average: 300000);
        tracker.OnEvent(ref cancelled, 0, true);
        var tcsClose = cancelled.Actions[0];
        Assert.Equal((Tcs, Side.Sell, 1L), (tcsClose.InstrumentToken, tcsClose.Side, tcsClose.Quantity));

        Answer(tracker, close.ClientOrderId, broker: 3, OrderStatus.Complete, filled: 5, average: 149000);
        Answer(tracker, tcsClose.ClientOrderId, broker: 4, OrderStatus.Complete, filled: 1, average: 301000);
        Assert.False(tracker.Flattening);
        Assert.Equal(0, tracker.Positions.Get(Infy, Product.Mis).NetQuantity);
        Assert.Equal(-5 * 1000, tracker.Positions.Get(Infy, Product.Mis).RealizedPnl);
        Assert.Equal(1000, tracker.Positions.Get(Tcs, Product.Mis).RealizedPnl);
    }

    [Fact]
    public void SquareOffLeavesDeliveryPositionsAloneButAFlattenClosesEverything()
    {
        var tracker = new OrderTracker();
        ulong delivery = Intent(tracker, Infy, Side.Buy, quantity: 3, product: Product.Cnc);
        Answer(tracker, delivery, broker: 1, OrderStatus.Complete, filled: 3, average: 150000);

        var squareOff = Event(EventKind.Timer);
        squareOff.Timer = TimerKind.SquareOff;
        tracker.OnEvent(ref squareOff, 0, true);
        Assert.Equal(0, squareOff.ActionCount);

        var flatten = Event(EventKind.Command);
        flatten.Command = CommandKind.Flatten;
        tracker.OnEvent(ref flatten, 0, true);
        var close = Assert.Single(flatten.Actions[..flatten.ActionCount].ToArray());
        Assert.Equal((Side.Sell, 3L, Product.Cnc), (close.Side, close.Quantity, close.Product));
    }

    [Fact]
    public void AFlattenOfMoreOrdersThanOneEventCarriesContinuesOnTheNextEvents()
    {
        var tracker = new OrderTracker();
        var ids = Enumerable.Range(0, ActionBuffer.Capacity + 3).Select(i => Intent(tracker, Infy + (uint)(i * 256), Side.Buy, quantity: 1)).ToList();
        var flatten = Event(EventKind.Command);
        flatten.Command = CommandKind.Flatten;
        tracker.OnEvent(ref flatten, 0, true);
        Assert.Equal(ActionBuffer.Capacity, flatten.ActionCount);

        var next = Event(EventKind.Tick);
        tracker.OnEvent(ref next, 0, true);
        Assert.Equal(3, next.ActionCount);
        var cancelled = flatten.Actions[..flatten.ActionCount].ToArray().Concat(next.Actions[..next.ActionCount].ToArray()).Select(a => a.ClientOrderId).ToHashSet();
        Assert.Equal(ids.ToHashSet(), cancelled);
    }

    [Fact]
    public void AClosingOrderTheBrokerRefusesIsSentAgainAfterThePauseNotOnEveryNextEvent()
    {
        // Re-sending at once on every tick would meet the broker's 10 orders/s limit with a
        // stream of refused orders (and Kite blocks apps that keep hitting it).
        var tracker = new OrderTracker(new OrderTrackerOptions { CloseRetryInterval = TimeSpan.FromSeconds(1) });
        ulong bought = Intent(tracker, Infy, Side.Buy, quantity: 2);
        Answer(tracker, bought, broker: 1, OrderStatus.Complete, filled: 2, average: 150000);
        var flatten = Event(EventKind.Command);
        flatten.Command = CommandKind.Flatten;
        flatten.ReceiveTimestampNs = 1_000_000_000;
        tracker.OnEvent(ref flatten, 0, true);
        var close = Assert.Single(flatten.Actions[..flatten.ActionCount].ToArray());

        var refused = Event(EventKind.OrderReply);
        refused.ReceiveTimestampNs = 1_010_000_000;
        refused.Reply = new OrderReply { ClientOrderId = close.ClientOrderId, Action = OrderAction.Place, Outcome = ReplyOutcome.RateLimited, Error = BrokerError.RateLimit, HttpStatus = 429, Attempt = 1 };
        tracker.OnEvent(ref refused, 0, true);
        Assert.Equal(0, refused.ActionCount);

        for (long at = 1_020_000_000; at < 2_010_000_000; at += 100_000_000)
        {
            var tick = Event(EventKind.Tick);
            tick.ReceiveTimestampNs = at;
            tracker.OnEvent(ref tick, 0, true);
            Assert.Equal(0, tick.ActionCount);
        }

        var later = Event(EventKind.Tick);
        later.ReceiveTimestampNs = 2_010_000_000;
        tracker.OnEvent(ref later, 0, true);
        var again = Assert.Single(later.Actions[..later.ActionCount].ToArray());
        Assert.Equal((OrderAction.Place, Side.Sell, 2L), (again.Action, again.Side, again.Quantity));
        Assert.NotEqual(close.ClientOrderId, again.ClientOrderId);
        Assert.True(tracker.Flattening);
    }

    [Fact]
    public void RegisteringAndAnsweringOrdersAllocatesNothingInSteadyState()
    {
        // Four rounds of 2,000 orders stay within the tracker's preallocated 8,192.
        var tracker = new OrderTracker();
        int round = 0;
        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            round++;
            for (int i = 0; i < 2_000; i++)
            {
                ulong id = Intent(tracker, Infy, i % 2 == 0 ? Side.Buy : Side.Sell, quantity: 1);
                Answer(tracker, id, broker: (ulong)(10_000 * round) + (ulong)i, OrderStatus.Complete, filled: 1, average: 150000);
            }
        });
        Assert.True(fewest == 0, rounds);
        Assert.Equal(8_000, tracker.Count);
    }

    private ulong Intent(OrderTracker tracker, uint token, Side side, long quantity, Product product = Product.Mis)
    {
        var slot = Event(EventKind.Tick);
        slot.IntentCount = 1;
        slot.Intents[0] = new SignalIntent { InstrumentToken = token, Side = side };
        slot.Decisions[0] = new GateDecision { Verdict = RiskVerdict.Accepted, OrderType = OrderType.Market, Product = product, Quantity = quantity, MarketProtection = -1 };
        tracker.OnEvent(ref slot, 0, true);
        return OrderIds.ForIntent(slot.InputSequence, 0);
    }

    private void Answer(OrderTracker tracker, ulong clientId, ulong broker, OrderStatus status, long filled, long average)
    {
        Span<byte> tag = stackalloc byte[20];
        int length = OrderIds.FormatTag(clientId, tag);
        var update = Update(broker, null, status, filled, average);
        tag[..length].CopyTo(update.Order.Tag);
        update.Order.TagLength = (byte)length;
        tracker.TryGet(clientId, out var order);
        update.Order.Quantity = order.Quantity;
        tracker.OnEvent(ref update, 0, true);
    }

    private RingEvent Event(EventKind kind) => new() { Kind = kind, InputSequence = _sequence++ };

    private RingEvent Update(ulong broker, string? tag, OrderStatus status, long filled, long average)
    {
        var slot = Event(EventKind.OrderUpdate);
        slot.Order = new OrderUpdate { OrderId = broker, Status = status, FilledQuantity = filled, AveragePrice = average, Quantity = filled > 0 ? filled : 0 };
        if (tag is not null)
        {
            System.Text.Encoding.ASCII.GetBytes(tag).CopyTo(slot.Order.Tag);
            slot.Order.TagLength = (byte)tag.Length;
        }

        return slot;
    }
}
