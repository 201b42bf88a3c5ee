using Engine.Core.Events;
using Engine.Core.Positions;
using Engine.Core.Risk;
using Engine.Ring;

namespace Engine.Core.Orders;

/// <summary>
/// The order stage, after the risk gate on the decision thread: it knows every order the engine
/// sent and where each stands. It registers the orders the risk gate accepted in a slot; it
/// applies the broker's answers and updates (inputs, so replay derives the same states) through
/// <see cref="OrderStateMachine"/>, writing each transition into the slot for the journal and each
/// fill into the <see cref="PositionBook"/>; and at the square-off timer (MIS) or an operator's
/// flatten (everything) it cancels the open orders and, once an instrument has none left, closes
/// its position with a market order, over as many events as that takes. Nothing allocates per
/// event in steady state.
/// </summary>
public sealed class OrderTracker : IEventHandler<RingEvent>
{
    private readonly OrderTrackerOptions _options;
    private readonly Dictionary<ulong, int> _byClientId;
    private readonly Dictionary<ulong, int> _byBrokerId;
    private TrackedOrder[] _orders;
    private int _count;
    private FlattenScope _flatten;
    private long _open;
    private long _complete;
    private long _cancelled;
    private long _rejected;
    private long _illegal;
    private long _foreign;
    private long _fills;
    private long _closeRetryAtNs = long.MinValue;
    private readonly OrderBudget? _budget;

    /// <summary>
    /// Creates the tracker, filling <paramref name="account"/> (a new ₹10 lakh account if none);
    /// its own cancels and closing orders count in <paramref name="budget"/> and wait for room in it.
    /// </summary>
    public OrderTracker(OrderTrackerOptions? options = null, TradingAccount? account = null, OrderBudget? budget = null)
    {
        _budget = budget;
        _options = options ?? new OrderTrackerOptions();
        Account = account ?? new TradingAccount(10_00_000_00);
        _orders = new TrackedOrder[_options.Capacity];
        _byClientId = new Dictionary<ulong, int>(_options.Capacity);
        _byBrokerId = new Dictionary<ulong, int>(_options.Capacity);
    }

    private enum FlattenScope : byte
    {
        None,
        Intraday,
        Everything,
    }

    /// <inheritdoc/>
    public string Name => "orders";

    /// <summary>The account the fills go to: positions, P&amp;L and charges.</summary>
    public TradingAccount Account { get; }

    /// <summary>Positions from the fills.</summary>
    public PositionBook Positions => Account.Positions;

    /// <summary>Orders the engine sent.</summary>
    public int Count => _count;

    /// <summary>Orders not finished yet (readable from any thread).</summary>
    public long Open => Volatile.Read(ref _open);

    /// <summary>Orders fully filled.</summary>
    public long Complete => Volatile.Read(ref _complete);

    /// <summary>Orders cancelled.</summary>
    public long Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Orders the broker or the exchange refused.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Impossible transitions refused (each journaled).</summary>
    public long IllegalTransitions => Volatile.Read(ref _illegal);

    /// <summary>Updates for orders the engine did not send (placed by hand, or by another program), ignored.</summary>
    public long ForeignUpdates => Volatile.Read(ref _foreign);

    /// <summary>Fills applied.</summary>
    public long Fills => Volatile.Read(ref _fills);

    /// <summary>Closes everything from the next input on, as an operator's flatten does (the risk monitor's halt, when so configured).</summary>
    public void RequestFlatten() => _flatten = FlattenScope.Everything;

    /// <summary>True while a square-off or flatten is closing positions.</summary>
    public bool Flattening => _flatten != FlattenScope.None;

    /// <summary>The order at <paramref name="index"/> (0 to <see cref="Count"/> − 1), in the order sent.</summary>
    public ref readonly TrackedOrder this[int index] => ref _orders[index];

    /// <summary>The order with the engine's id <paramref name="clientOrderId"/>, if it exists.</summary>
    public bool TryGet(ulong clientOrderId, out TrackedOrder order)
    {
        bool found = _byClientId.TryGetValue(clientOrderId, out int index);
        order = found ? _orders[index] : default;
        return found;
    }

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        data.ActionCount = 0;
        data.TransitionCount = 0;
        for (int i = 0; i < data.IntentCount; i++)
        {
            if (data.Decisions[i].IsAccepted)
            {
                Register(data.Decisions[i].ToOrder(data.Intents[i], data.InputSequence, i));
            }
        }

        switch (data.Kind)
        {
            case EventKind.OrderReply:
                OnReply(ref data);
                break;
            case EventKind.OrderUpdate:
                OnUpdate(ref data);
                break;
            case EventKind.Timer when data.Timer == TimerKind.SquareOff:
                _flatten = _flatten == FlattenScope.Everything ? _flatten : FlattenScope.Intraday;
                break;
            case EventKind.Command when data.Command == CommandKind.Flatten:
                _flatten = FlattenScope.Everything;
                break;
            case EventKind.Command when data.Command == CommandKind.AccountState:
                if (Reconciliation.AccountStateJson.TryRead(data.TextBytes, out var state, out _))
                {
                    Restore(state);
                }

                break;
        }

        if (_flatten != FlattenScope.None)
        {
            ContinueFlatten(ref data);
        }
    }

    /// <summary>
    /// Takes a restored account's open orders in place of every order known so far (the account's
    /// positions are the risk context's to restore, before this stage). Their broker ids are known
    /// again, so updates and cancels find them.
    /// </summary>
    public void Restore(Reconciliation.AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _byClientId.Clear();
        _byBrokerId.Clear();
        _count = 0;
        long open = 0;
        foreach (var order in state.Orders)
        {
            if (_byClientId.ContainsKey(order.ClientOrderId))
            {
                continue;
            }

            if (_count == _orders.Length)
            {
                Array.Resize(ref _orders, _orders.Length * 2);
            }

            _orders[_count] = order;
            _byClientId[order.ClientOrderId] = _count;
            if (order.BrokerOrderId != 0)
            {
                _byBrokerId.TryAdd(order.BrokerOrderId, _count);
            }

            open += order.IsOpen ? 1 : 0;
            _count++;
        }

        Volatile.Write(ref _open, open);
    }

    private void Register(in OrderRequest request)
    {
        if (_byClientId.ContainsKey(request.ClientOrderId))
        {
            return;
        }

        if (_count == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }

        _orders[_count] = OrderStateMachine.Create(request);
        _byClientId[request.ClientOrderId] = _count++;
        Volatile.Write(ref _open, _open + 1);
    }

    private void OnReply(ref RingEvent data)
    {
        if (!_byClientId.TryGetValue(data.Reply.ClientOrderId, out int index))
        {
            Volatile.Write(ref _foreign, _foreign + 1);
            return;
        }

        ref var order = ref _orders[index];
        if (OrderStateMachine.Apply(ref order, data.Reply, out var transition))
        {
            Record(ref data, ref order, transition);
        }

        if (order.BrokerOrderId != 0)
        {
            _byBrokerId.TryAdd(order.BrokerOrderId, index);
        }
    }

    private void OnUpdate(ref RingEvent data)
    {
        int index;
        ReadOnlySpan<byte> tag = data.Order.Tag;
        if (!(OrderIds.TryParseTag(tag[..data.Order.TagLength], out ulong clientId) && _byClientId.TryGetValue(clientId, out index))
            && !(data.Order.OrderId != 0 && _byBrokerId.TryGetValue(data.Order.OrderId, out index)))
        {
            Volatile.Write(ref _foreign, _foreign + 1);
            return;
        }

        ref var order = ref _orders[index];
        if (OrderStateMachine.Apply(ref order, data.Order, out var transition))
        {
            Record(ref data, ref order, transition);
        }

        if (order.BrokerOrderId != 0)
        {
            _byBrokerId.TryAdd(order.BrokerOrderId, index);
        }
    }

    private void Record(ref RingEvent data, ref TrackedOrder order, in OrderTransition transition)
    {
        if (data.TransitionCount < TransitionBuffer.Capacity)
        {
            data.Transitions[data.TransitionCount++] = transition;
        }

        if (transition.Illegal)
        {
            Volatile.Write(ref _illegal, _illegal + 1);
            return;
        }

        if (transition.FillQuantity > 0)
        {
            Account.Fill(order.InstrumentToken, order.Product, order.Side, transition.FillQuantity, transition.FillPrice, order.FilledValue - (transition.FillQuantity * transition.FillPrice), data.ReceiveTimestampNs);
            Volatile.Write(ref _fills, _fills + 1);
        }

        bool wasOpen = transition.From is OrderState.PendingNew or OrderState.Working or OrderState.PendingModify or OrderState.PendingCancel;
        if (wasOpen && order.IsTerminal)
        {
            Volatile.Write(ref _open, _open - 1);
            switch (order.State)
            {
                case OrderState.Complete:
                    Volatile.Write(ref _complete, _complete + 1);
                    break;
                case OrderState.Cancelled:
                    Volatile.Write(ref _cancelled, _cancelled + 1);
                    break;
                default:
                    Volatile.Write(ref _rejected, _rejected + 1);
                    if (OrderIds.IsSystem(order.ClientOrderId))
                    {
                        _closeRetryAtNs = data.ReceiveTimestampNs + (long)_options.CloseRetryInterval.TotalNanoseconds;
                    }

                    break;
            }
        }
    }

    // Cancel every open order in scope (but the engine's own closing orders), then close each
    // position in scope once its instrument has no open order left. Done when nothing in scope
    // is open and every position in scope is flat.
    private void ContinueFlatten(ref RingEvent data)
    {
        bool everything = _flatten == FlattenScope.Everything;
        bool done = true;
        for (int i = 0; i < _count; i++)
        {
            ref var order = ref _orders[i];
            if (!order.IsOpen || !(everything || order.Product == Product.Mis))
            {
                continue;
            }

            done = false;
            if (order.State == OrderState.PendingCancel || OrderIds.IsSystem(order.ClientOrderId) || data.ActionCount >= ActionBuffer.Capacity || !BudgetAllows(data.ReceiveTimestampNs))
            {
                continue;
            }

            if (OrderStateMachine.CancelSent(ref order, out var transition))
            {
                data.Actions[data.ActionCount++] = new OrderRequest
                {
                    ClientOrderId = order.ClientOrderId,
                    BrokerOrderId = order.BrokerOrderId,
                    Action = OrderAction.Cancel,
                    InstrumentToken = order.InstrumentToken,
                    Side = order.Side,
                    OrderType = order.OrderType,
                    Product = order.Product,
                    Quantity = order.Quantity,
                    InputSequence = data.InputSequence,
                };
                _budget?.Record(data.ReceiveTimestampNs);
                Record(ref data, ref order, transition);
            }
        }

        for (int p = 0; p < Positions.Count; p++)
        {
            ref readonly var position = ref Positions[p];
            if (position.NetQuantity == 0 || !(everything || position.Product == Product.Mis))
            {
                continue;
            }

            done = false;
            if (HasOpenOrder(position.InstrumentToken) || data.ActionCount >= ActionBuffer.Capacity || data.ReceiveTimestampNs < _closeRetryAtNs || !BudgetAllows(data.ReceiveTimestampNs))
            {
                continue;
            }

            var close = new OrderRequest
            {
                ClientOrderId = OrderIds.ForSystem(data.InputSequence, data.ActionCount),
                Action = OrderAction.Place,
                InstrumentToken = position.InstrumentToken,
                Side = position.NetQuantity > 0 ? Side.Sell : Side.Buy,
                OrderType = OrderType.Market,
                Product = position.Product,
                Validity = Validity.Day,
                MarketProtection = _options.MarketProtection,
                Quantity = Math.Abs(position.NetQuantity),
                InputSequence = data.InputSequence,
            };
            data.Actions[data.ActionCount++] = close;
            _budget?.Record(data.ReceiveTimestampNs);
            Register(close);
        }

        if (done)
        {
            _flatten = FlattenScope.None;
        }
    }

    // The engine's own orders wait for room in the rate budget; the day's count never stops a close.
    private bool BudgetAllows(long nowNs) => _budget is null || _budget.Check(nowNs) is RiskRule.None or RiskRule.OrdersPerDay;

    private bool HasOpenOrder(uint token)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_orders[i].InstrumentToken == token && _orders[i].IsOpen)
            {
                return true;
            }
        }

        return false;
    }
}
