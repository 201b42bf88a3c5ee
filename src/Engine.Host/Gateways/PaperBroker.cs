using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Matching;
using Engine.Core.Orders;
using Engine.Core.Routing;
using Engine.Ring;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Gateways;

/// <summary>
/// The paper broker: fills the engine's orders against the engine's own view of the market, the
/// ticks in the ring, with the matching code the simulator's exchange uses (<see cref="MatchingBook"/>
/// and <see cref="OrderChecks"/>). The router calls it on its thread, ticks and orders in the
/// ring's order, so what fills when is a function of the inputs alone. Its answers (a reply per
/// request, Kite-format order updates with the fills) go to its own queue, and a publishing thread
/// brings them into the ring through the input door, where they are journaled like a real
/// broker's, so a paper run replays without the broker. In a backtest the one producer publishes
/// them instead, right after the input that caused them (<see cref="PaperAnswerDelivery.Caller"/>).
/// A <see cref="PaperFillModel"/> adds slippage, latency and a share of the traded volume. Nothing
/// allocates on the router's thread.
/// </summary>
public sealed class PaperBroker : IEngineGateway, IMarketDataObserver, IMatchListener
{
    private readonly Dictionary<uint, Listing> _books = [];
    private readonly Dictionary<ulong, int> _byBrokerId;
    private readonly Dictionary<ulong, int> _byClientId;
    private readonly ILogger _logger;
    private readonly RingBuffer<PaperAnswer> _outboxRing;
    private readonly SpillQueue<PaperAnswer> _outbox;
    private readonly RingPipeline<PaperAnswer> _publisher;
    private readonly PublishingHandler _handler;
    private readonly PaperFillModel _fills;
    private readonly long _latencyNs;
    private readonly bool _callerDelivers;
    private readonly Queue<(long DueNs, OrderRequest Request)> _inFlight = new(1024);
    private PaperAnswer[] _pending = new PaperAnswer[256];
    private int _pendingCount;
    private bool _publisherStarted;
    private PaperOrder[] _orders;
    private int _count;
    private ulong _nextBrokerId = 9_000_000_000_000_001;
    private OrderAnswerPublisher? _answers;
    private volatile bool _accepting = true;
    private long _now;

    /// <summary>Creates the broker for <paramref name="instruments"/>.</summary>
    public PaperBroker(IEnumerable<Instrument> instruments, ILogger logger, PaperBrokerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        options ??= new PaperBrokerOptions();
        _logger = logger;
        _fills = options.Fills;
        _latencyNs = (long)(options.Fills.Latency.TotalMilliseconds * 1_000_000);
        _callerDelivers = options.Delivery == PaperAnswerDelivery.Caller;
        int capacity = Math.Max(16, options.Capacity);
        foreach (var instrument in instruments)
        {
            _books[instrument.InstrumentToken] = new Listing(instrument, new MatchingBook(instrument.InstrumentToken));
        }

        _orders = new PaperOrder[capacity];
        _byBrokerId = new Dictionary<ulong, int>(capacity);
        _byClientId = new Dictionary<ulong, int>(capacity);
        _outboxRing = new RingBuffer<PaperAnswer>(1 << 14, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(100)));
        _outbox = new SpillQueue<PaperAnswer>(_outboxRing);
        _publisher = new RingPipeline<PaperAnswer>(_outboxRing, new RingPipelineOptions { ThreadNamePrefix = "paper-" });
        _handler = new PublishingHandler(this);
        _publisher.HandleEventsWith(_handler);
    }

    /// <inheritdoc/>
    public string Name => "paper broker (fills against the ticks in the ring)";

    /// <inheritdoc/>
    public GatewayCounters Counters { get; } = new();

    /// <inheritdoc/>
    public void Start(InputPublisher inputs)
    {
        _answers = new OrderAnswerPublisher(inputs);
        if (!_callerDelivers)
        {
            _publisher.Start();
            _publisherStarted = true;
        }
    }

    /// <summary>
    /// With <see cref="PaperAnswerDelivery.Caller"/>: publishes the answers the inputs so far
    /// caused, on the calling thread, and returns how many. Call it only while the pipeline is
    /// drained (every published input handled), as the backtest's producer does between inputs.
    /// </summary>
    public int PublishAnswers()
    {
        if (!_callerDelivers)
        {
            throw new InvalidOperationException("This paper broker publishes its answers from its own thread.");
        }

        int count = _pendingCount;
        for (int i = 0; i < count; i++)
        {
            _handler.Publish(_pending[i]);
        }

        _pendingCount = 0;
        return count;
    }

    /// <inheritdoc/>
    public void Observe(in RingEvent input)
    {
        _now = input.ReceiveTimestampNs;
        if (input.Kind == EventKind.Tick && _books.TryGetValue(input.Tick.InstrumentToken, out var entry))
        {
            entry.Book.OnTick(input.Tick, this, Allowance(entry, input.Tick));
        }

        // Orders whose latency has passed reach their books after the tick that made it so.
        while (_inFlight.Count > 0 && _inFlight.Peek().DueNs <= _now)
        {
            Handle(_inFlight.Dequeue().Request);
        }
    }

    // The engine's share of what traded since the instrument's previous tick, in whole lots.
    private long Allowance(Listing entry, in Tick tick)
    {
        long traded = tick.VolumeTraded >= entry.LastVolume ? tick.VolumeTraded - entry.LastVolume : tick.VolumeTraded;
        entry.LastVolume = tick.VolumeTraded;
        if (_fills.Participation <= 0)
        {
            return long.MaxValue;
        }

        long lot = Math.Max(1, entry.Instrument.LotSize);
        return (long)(traded * _fills.Participation) / lot * lot;
    }

    /// <inheritdoc/>
    public void Submit(in OrderRequest order)
    {
        Counters.OnSubmitted();
        if (!_accepting)
        {
            Counters.OnNotSent();
            return;
        }

        Counters.OnSent();
        var handed = order;
        handed.HandedTicks = StageStamps.Now();
        if (_latencyNs > 0)
        {
            _inFlight.Enqueue((_now + _latencyNs, handed));
            return;
        }

        Handle(handed);
    }

    private void Handle(in OrderRequest order)
    {
        switch (order.Action)
        {
            case OrderAction.Cancel:
                Cancel(order);
                break;
            case OrderAction.Modify:
                Modify(order);
                break;
            default:
                Place(order);
                break;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _accepting = false;
        if (!_publisherStarted)
        {
            return _pendingCount == 0;
        }

        var deadline = DateTime.UtcNow + timeout;
        while ((_outboxRing.Cursor > _publisher.Consumers.Min(c => c.Sequence) || !_outbox.LineIsEmpty) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        return _outboxRing.Cursor <= _publisher.Consumers.Min(c => c.Sequence) && _outbox.LineIsEmpty;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _accepting = false;
        if (_publisherStarted)
        {
            _publisher.Shutdown(TimeSpan.FromSeconds(5));
        }

        _publisher.Dispose();
        _handler.Dispose();
        return ValueTask.CompletedTask;
    }

    void IMatchListener.OnFill(ulong orderId, long quantity, long price)
    {
        ref var order = ref _orders[_byBrokerId[orderId]];
        price = WithSlippage(order, price);
        order.Filled += quantity;
        order.FilledValue += quantity * price;
        order.Status = order.Filled == order.Quantity ? OrderStatus.Complete : OrderStatus.Open;
        Queue(PaperAnswer.UpdateOf(order));
    }

    void IMatchListener.OnTriggered(ulong orderId)
    {
        ref var order = ref _orders[_byBrokerId[orderId]];
        order.Status = OrderStatus.Open;
        Queue(PaperAnswer.UpdateOf(order));
    }

    void IMatchListener.OnExpired(ulong orderId, long remaining)
    {
        ref var order = ref _orders[_byBrokerId[orderId]];
        order.Cancelled = remaining;
        order.Status = OrderStatus.Cancelled;
        Queue(PaperAnswer.UpdateOf(order));
    }

    private void Place(in OrderRequest request)
    {
        if (!_books.TryGetValue(request.InstrumentToken, out var entry) || _byClientId.ContainsKey(request.ClientOrderId))
        {
            string refusal = entry is null ? PaperAnswer.UnknownInstrument : PaperAnswer.DuplicateTag;
            Counters.OnRejected();
            Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Rejected, BrokerError.Input, 0, RejectReason.None, refusal));
            return;
        }

        var instrument = entry.Instrument;
        var match = new MatchOrder
        {
            Id = _nextBrokerId++,
            Side = request.Side,
            Type = request.OrderType,
            Validity = request.Validity,
            MarketProtection = request.MarketProtection,
            Quantity = request.Quantity,
            Price = request.Price,
            TriggerPrice = request.TriggerPrice,
        };
        var reason = OrderChecks.Check(match, RulesOf(instrument));
        if (reason == RejectReason.MarketProtection || reason == RejectReason.Input)
        {
            // Kite refuses these at once, without an order id.
            Counters.OnRejected();
            Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Rejected, BrokerError.Input, 0, reason));
            return;
        }

        if (_count == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }

        int index = _count++;
        _orders[index] = new PaperOrder
        {
            ClientOrderId = request.ClientOrderId,
            BrokerOrderId = match.Id,
            InstrumentToken = request.InstrumentToken,
            Side = request.Side,
            OrderType = request.OrderType,
            Product = request.Product,
            Validity = request.Validity,
            Quantity = request.Quantity,
            Price = request.Price,
            TriggerPrice = request.TriggerPrice,
            Status = OrderStatus.Open,
        };
        _byBrokerId[match.Id] = index;
        _byClientId[request.ClientOrderId] = index;
        Counters.OnAccepted();
        Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Accepted, BrokerError.None, match.Id, RejectReason.None));
        ref var order = ref _orders[index];
        if (reason != RejectReason.None)
        {
            order.Status = OrderStatus.Rejected;
            order.Reason = reason;
            Queue(PaperAnswer.UpdateOf(order));
            return;
        }

        order.Status = request.OrderType is OrderType.StopLoss or OrderType.StopLossMarket ? OrderStatus.TriggerPending : OrderStatus.Open;
        Queue(PaperAnswer.UpdateOf(order));
        entry.Book.Submit(match, this);
    }

    private void Cancel(in OrderRequest request)
    {
        if (!_byClientId.TryGetValue(request.ClientOrderId, out int index) || OrderStatuses.IsTerminal(_orders[index].Status))
        {
            Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Rejected, BrokerError.Order, 0, RejectReason.None, PaperAnswer.NotOpen));
            return;
        }

        ref var order = ref _orders[index];
        _books[order.InstrumentToken].Book.Cancel(order.BrokerOrderId, out _);
        order.Cancelled = order.Quantity - order.Filled;
        order.Status = OrderStatus.Cancelled;
        Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Accepted, BrokerError.None, order.BrokerOrderId, RejectReason.None));
        Queue(PaperAnswer.UpdateOf(order));
    }

    private void Modify(in OrderRequest request)
    {
        if (!_byClientId.TryGetValue(request.ClientOrderId, out int index) || OrderStatuses.IsTerminal(_orders[index].Status))
        {
            Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Rejected, BrokerError.Order, 0, RejectReason.None, PaperAnswer.NotOpen));
            return;
        }

        ref var order = ref _orders[index];
        order.Quantity = request.Quantity > 0 ? request.Quantity : order.Quantity;
        order.Price = request.Price > 0 ? request.Price : order.Price;
        order.TriggerPrice = request.TriggerPrice > 0 ? request.TriggerPrice : order.TriggerPrice;
        Queue(PaperAnswer.ReplyOf(request, ReplyOutcome.Accepted, BrokerError.None, order.BrokerOrderId, RejectReason.None));
        _books[order.InstrumentToken].Book.Modify(order.BrokerOrderId, order.Quantity, order.Price, order.TriggerPrice, request.OrderType, this);
    }

    // Slippage makes a fill worse, but never past a limit order's own price.
    private long WithSlippage(in PaperOrder order, long price)
    {
        if (_fills.Slippage.Amount <= 0)
        {
            return price;
        }

        long tick = Math.Max(1, _books[order.InstrumentToken].Instrument.TickSizeUnits);
        long move = _fills.Slippage.Adverse(price, tick);
        if (move == 0)
        {
            return price;
        }

        bool limited = order.OrderType is OrderType.Limit or OrderType.StopLoss;
        if (order.Side == Side.Buy)
        {
            long worse = price + move;
            return limited ? Math.Max(price, Math.Min(worse, order.Price)) : worse;
        }

        long lower = Math.Max(tick, price - move);
        return limited ? Math.Min(price, Math.Max(lower, order.Price)) : lower;
    }

    // What Kite would check the order against; the paper broker has no freeze quantity or circuit band of its own.
    private static InstrumentRules RulesOf(Instrument instrument) =>
        new(Math.Max(1, instrument.TickSizeUnits), Math.Max(1, instrument.LotSize), 0, 0, 0, instrument.PriceDivisor);

    // The router's thread never blocks on the publisher: beyond the queue, answers wait in line.
    private void Queue(PaperAnswer answer)
    {
        // An answer is received at the time of the input that caused it: one time base with the ticks.
        answer.ReceiveTimestampNs = _now;
        if (_callerDelivers)
        {
            if (_pendingCount == _pending.Length)
            {
                Array.Resize(ref _pending, _pending.Length * 2);
            }

            _pending[_pendingCount++] = answer;
            return;
        }

        // However far a burst runs beyond the outbox, answers come back in the order they were made.
        _outbox.Offer(answer);
    }

    private sealed class PublishingHandler(PaperBroker owner) : IEventHandler<PaperAnswer>, IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(2048);
        private readonly Utf8JsonWriter _json = new(new ArrayBufferWriter<byte>());

        public string Name => "paper";

        public void Dispose() => _json.Dispose();

        public void OnEvent(ref PaperAnswer data, long sequence, bool endOfBatch)
        {
            Publish(data);
            while (endOfBatch && owner._outbox.TryTake(sequence, out var late))
            {
                Publish(late);
            }
        }

        public void OnTimeout(long sequence)
        {
            while (owner._outbox.TryTake(sequence, out var late))
            {
                Publish(late);
            }
        }

        public void Publish(in PaperAnswer answer)
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            // A refused request may name an instrument the broker does not list; an update never does.
            owner._books.TryGetValue(answer.Order.InstrumentToken, out var listed);
            var instrument = listed?.Instrument;
            if (answer.Kind == PaperAnswerKind.Reply)
            {
                WriteReply(answer, instrument);
                var reply = new OrderReply
                {
                    ClientOrderId = answer.Order.ClientOrderId,
                    BrokerOrderId = answer.Order.BrokerOrderId,
                    Action = answer.Action,
                    Outcome = answer.Outcome,
                    Error = answer.Error,
                    HttpStatus = answer.Outcome == ReplyOutcome.Accepted ? (short)200 : (short)400,
                    Attempt = 1,
                    HandedTicks = answer.HandedTicks,
                    SentTicks = answer.SentTicks,
                    CauseSequence = answer.CauseSequence,
                };
                reply.AnsweredTicks = StageStamps.Now();
                owner._answers!.Reply(reply, _buffer.WrittenSpan, answer.ReceiveTimestampNs);
                return;
            }

            WriteUpdate(answer, instrument!);
            owner._answers!.Update(_buffer.WrittenSpan, answer.ReceiveTimestampNs);
        }

        private void WriteReply(in PaperAnswer answer, Instrument? instrument)
        {
            _json.WriteStartObject();
            if (answer.Outcome == ReplyOutcome.Accepted)
            {
                _json.WriteString("status", "success");
                _json.WriteStartObject("data");
                WriteId("order_id", answer.Order.BrokerOrderId);
                _json.WriteEndObject();
            }
            else
            {
                _json.WriteString("status", "error");
                _json.WriteString("message", answer.Refusal ?? OrderChecks.Describe(answer.Order.Reason, RulesOf(instrument!)));
                _json.WriteNull("data");
                _json.WriteString("error_type", answer.Error == BrokerError.Input ? "InputException" : "OrderException");
            }

            _json.WriteEndObject();
            _json.Flush();
        }

        private void WriteUpdate(in PaperAnswer answer, Instrument instrument)
        {
            decimal divisor = instrument.PriceDivisor;
            _json.WriteStartObject();
            _json.WriteString("type", "order");
            _json.WriteStartObject("data");
            WriteId("order_id", answer.Order.BrokerOrderId);
            WriteId("exchange_order_id", answer.Order.BrokerOrderId);
            _json.WriteString("status", OrderStatuses.ToKite(answer.Order.Status));
            if (answer.Order.Reason != RejectReason.None)
            {
                _json.WriteString("status_message", OrderChecks.Describe(answer.Order.Reason, RulesOf(instrument)));
            }
            else
            {
                _json.WriteNull("status_message");
            }

            _json.WriteString("variety", "regular");
            _json.WriteString("exchange", instrument.Exchange);
            _json.WriteString("tradingsymbol", instrument.TradingSymbol);
            _json.WriteNumber("instrument_token", instrument.InstrumentToken);
            _json.WriteString("order_type", answer.Order.OrderType switch { OrderType.Limit => "LIMIT", OrderType.StopLoss => "SL", OrderType.StopLossMarket => "SL-M", _ => "MARKET" });
            _json.WriteString("transaction_type", answer.Order.Side == Side.Buy ? "BUY" : "SELL");
            _json.WriteString("validity", answer.Order.Validity switch { Validity.Ioc => "IOC", Validity.Ttl => "TTL", _ => "DAY" });
            _json.WriteString("product", answer.Order.Product switch { Product.Cnc => "CNC", Product.Nrml => "NRML", _ => "MIS" });
            _json.WriteNumber("quantity", answer.Order.Quantity);
            _json.WriteNumber("price", answer.Order.Price / divisor);
            _json.WriteNumber("trigger_price", answer.Order.TriggerPrice / divisor);
            _json.WriteNumber("average_price", answer.Order.Filled == 0 ? 0 : decimal.Round(answer.Order.FilledValue / divisor / answer.Order.Filled, 4));
            _json.WriteNumber("filled_quantity", answer.Order.Filled);
            _json.WriteNumber("pending_quantity", OrderStatuses.IsTerminal(answer.Order.Status) ? 0 : answer.Order.Quantity - answer.Order.Filled);
            _json.WriteNumber("cancelled_quantity", answer.Order.Cancelled);
            Span<byte> tag = stackalloc byte[20];
            int length = OrderIds.FormatTag(answer.Order.ClientOrderId, tag);
            _json.WriteString("tag", tag[..length]);
            _json.WriteEndObject();
            _json.WriteEndObject();
            _json.Flush();
        }

        // Ids as JSON strings, formatted without a string of their own.
        private void WriteId(string name, ulong id)
        {
            Span<byte> digits = stackalloc byte[20];
            System.Buffers.Text.Utf8Formatter.TryFormat(id, digits, out int written);
            _json.WriteString(name, digits[..written]);
        }
    }

    // One instrument's book, and its volume at the previous tick (participation draws on the difference).
    private sealed class Listing(Instrument instrument, MatchingBook book)
    {
        public Instrument Instrument { get; } = instrument;

        public MatchingBook Book { get; } = book;

        public long LastVolume { get; set; }
    }
}
