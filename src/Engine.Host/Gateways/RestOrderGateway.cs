using Engine.Core.Events;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Inputs;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Kite.Rest;
using Engine.Ring;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Engine.Host.Gateways;

/// <summary>
/// Orders to Kite's REST API (live) or the simulator's (sim), off the ring threads. The router's
/// thread only copies each request into this gateway's own ring; a sending thread takes them in
/// order and does the HTTP work, each order's requests one after another, different orders side by
/// side. Every answer comes back through the input door as an <c>order_reply</c>. No request is
/// ever repeated blindly: HTTP 429 is final; after a place that got no usable answer (a timeout,
/// a lost connection, a 5xx) the gateway looks the order up by its tag in the order book and sends
/// it again only when every look-up finds it absent. While any order is open it reads the order
/// book now and then and brings in each change of one of its orders, which covers an order update
/// the ticker dropped.
/// </summary>
public sealed partial class RestOrderGateway : IEngineGateway
{
    private readonly KiteRestClient _client;
    private readonly Dictionary<uint, Instrument> _instruments;
    private readonly RestGatewayOptions _options;
    private readonly ILogger _logger;
    private readonly SpillQueue<OrderRequest> _queue;
    private readonly RingPipeline<OrderRequest> _sender;
    private readonly ConcurrentDictionary<ulong, ulong> _brokerIds = new();
    private readonly ConcurrentDictionary<ulong, Task> _chains = new();
    private readonly ConcurrentDictionary<ulong, string> _watched = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly Dictionary<ulong, (string Status, long Filled, long Quantity, decimal Average)> _seen = [];
    private readonly SemaphoreSlim _bookReading = new(1, 1);
    private readonly SemaphoreSlim _concurrency;
    private readonly CancellationTokenSource _stop = new();
    private readonly ResiliencePipeline<KiteResponse<IReadOnlyList<KiteOrder>>> _lookupRetry;
    private OrderAnswerPublisher? _answers;
    private Task _poller = Task.CompletedTask;
    private volatile bool _accepting = true;
    private volatile bool _started;
    private long _lastRequestMs = Environment.TickCount64;
    private long _dispatched;

    /// <summary>Creates the gateway over <paramref name="client"/>; nothing is sent before <see cref="Start"/>.</summary>
    public RestOrderGateway(KiteRestClient client, IEnumerable<Instrument> instruments, RestGatewayOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _instruments = instruments.ToDictionary(i => i.InstrumentToken);
        _options = options;
        _logger = logger;
        _concurrency = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
        var queue = new RingBuffer<OrderRequest>((int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, options.QueueCapacity)), new BlockingWaitStrategy(TimeSpan.FromMilliseconds(100)));
        _queue = new SpillQueue<OrderRequest>(queue);
        _sender = new RingPipeline<OrderRequest>(queue, new RingPipelineOptions { ThreadNamePrefix = "orders-" });
        _sender.HandleEventsWith(new SendingHandler(this));

        // Reading the order book is safe to repeat: backoff, a few tries.
        _lookupRetry = new ResiliencePipelineBuilder<KiteResponse<IReadOnlyList<KiteOrder>>>()
            .AddRetry(new RetryStrategyOptions<KiteResponse<IReadOnlyList<KiteOrder>>>
            {
                ShouldHandle = new PredicateBuilder<KiteResponse<IReadOnlyList<KiteOrder>>>().HandleResult(r => !r.IsSuccess && r.HttpStatus is 0 or >= 500),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                UseJitter = true,
            })
            .Build();
    }

    /// <inheritdoc/>
    public string Name => $"Kite REST at {_client.Options.BaseUrl}";

    /// <inheritdoc/>
    public GatewayCounters Counters { get; } = new();

    /// <summary>What the start-up rehearsal of the order path did (null before <see cref="Start"/>, or with <see cref="RestGatewayOptions.RehearseAtStart"/> off).</summary>
    public GatewayRehearsal? Rehearsal { get; private set; }

    /// <inheritdoc/>
    /// <remarks>With <see cref="RestGatewayOptions.RehearseAtStart"/>, first runs the order path once against in-process answers.</remarks>
    public void Start(InputPublisher inputs)
    {
        if (_options.RehearseAtStart)
        {
            try
            {
                Rehearsal = Task.Run(RehearseAsync).GetAwaiter().GetResult();
                Log.Rehearsed(_logger, Rehearsal.Requests.Count, Rehearsal.Elapsed.TotalMilliseconds, Rehearsal.Completed ? "" : " (incomplete: it ran out of time)");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A warm-up never stops the gateway: the first order then compiles its own path.
                Log.RehearsalFailed(_logger, ex);
            }
        }

        _answers = new OrderAnswerPublisher(inputs);
        _sender.Start();
        _started = true;
        _poller = Task.Run(() => PollAsync(_stop.Token));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Never blocks the router: a request that finds the queue full waits beyond it (that
    /// allocates, and is counted and logged), and once one waits there every later one waits
    /// behind it, so requests reach the broker in the order they were submitted (a cancel never
    /// overtakes its own place).
    /// </remarks>
    public void Submit(in OrderRequest order)
    {
        // The sending thread joins its queue where the queue stands when it starts, so a request
        // queued before that would never be sent: refuse it loudly instead.
        if (!_started)
        {
            throw new InvalidOperationException($"The REST gateway has not started: start it before submitting orders (order {order.ClientOrderId}).");
        }

        Counters.OnSubmitted();
        long handed = StageStamps.Now();
        var request = order;
        request.HandedTicks = handed;
        if (_queue.Offer(request))
        {
            return;
        }

        Counters.OnOverflowed();
        Log.Overflow(_logger, order.ClientOrderId);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Then, while any of its orders is still open at the broker, it reads the order book until
    /// they settle or <see cref="RestGatewayOptions.SettleAtStop"/> passes: the ticker is closed by
    /// then, so a fill the exchange made after the last update would otherwise be missing from the
    /// journal and from the positions the run ends with.
    /// </remarks>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Every request submitted, queued or waiting beyond the queue, is handed on before the gate closes.
        while (Volatile.Read(ref _dispatched) < Counters.Submitted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        _accepting = false;
        var pending = _inFlight.Keys.ToArray();
        var remaining = deadline - DateTime.UtcNow;
        bool done = remaining > TimeSpan.Zero && await Task.WhenAll(pending).WaitAsync(remaining).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default).ConfigureAwait(false);
        await SettleAsync(Min(deadline, DateTime.UtcNow + _options.SettleAtStop)).ConfigureAwait(false);
        return done || pending.Length == 0;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private async Task SettleAsync(DateTime until)
    {
        while (_options.SettleAtStop > TimeSpan.Zero && !_watched.IsEmpty && _answers is not null)
        {
            try
            {
                await ReadOrderBookAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The broker could not be read: what is still open stays for the next run's reconciliation.
            }

            if (_watched.IsEmpty || DateTime.UtcNow >= until)
            {
                break;
            }

            await Task.Delay(_options.SettlePollInterval).ConfigureAwait(false);
        }

        if (!_watched.IsEmpty)
        {
            Log.OpenAtStop(_logger, _watched.Count, string.Join(", ", _watched.Values.Order(StringComparer.Ordinal).Take(20)));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _accepting = false;
        await _stop.CancelAsync().ConfigureAwait(false);
        _sender.Shutdown(TimeSpan.FromSeconds(5));
        _sender.Dispose();
        try
        {
            await _poller.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _client.Dispose();
        _concurrency.Dispose();
        _bookReading.Dispose();
        _stop.Dispose();
    }

    // The first order of the day would otherwise run the place path cold: the engine's own code
    // compiled on first call, the form encoded and the answer parsed for the first time. A second
    // gateway over the same code runs a place, a modify, a cancel and the order-book read that
    // settles them, against a handler that answers in-process, into a scratch ring nobody reads.
    private async Task<GatewayRehearsal> RehearseAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (_instruments.Count == 0)
        {
            return new GatewayRehearsal([], 0, false, clock.Elapsed);
        }

        var instrument = _instruments.Values.First();
        const ulong ClientOrderId = 1;
        var handler = new LocalAnswerHandler(Tag(ClientOrderId));
        var scratch = new RingBuffer<RingEvent>(16, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(100)), ProducerType.Multi);
        var options = _options with
        {
            RehearseAtStart = false,
            KeepWarmAfter = TimeSpan.Zero,
            PollInterval = TimeSpan.FromHours(1),
            SettleAtStop = TimeSpan.FromSeconds(5),
            SettlePollInterval = TimeSpan.FromMilliseconds(1),
            LookupDelay = TimeSpan.Zero,
            QueueCapacity = 16,
        };
        bool completed;
        var rehearsal = new RestOrderGateway(new KiteRestClient(_client.Options, handler), [instrument], options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        try
        {
            rehearsal.Start(new InputPublisher(scratch));
            long tick = Math.Max(1, instrument.TickSizeUnits);
            var place = new OrderRequest
            {
                ClientOrderId = ClientOrderId,
                Action = OrderAction.Place,
                InstrumentToken = instrument.InstrumentToken,
                Side = Side.Buy,
                OrderType = OrderType.Limit,
                Product = Product.Mis,
                Validity = Validity.Day,
                Quantity = Math.Max(1, instrument.LotSize),
                Price = tick,
            };
            rehearsal.Submit(place);
            rehearsal.Submit(place with { Action = OrderAction.Modify, Price = 2 * tick });
            rehearsal.Submit(place with { Action = OrderAction.Cancel });
            completed = await rehearsal.DrainAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false) && rehearsal._watched.IsEmpty;
        }
        finally
        {
            await rehearsal.DisposeAsync().ConfigureAwait(false);
        }

        return new GatewayRehearsal(handler.Requests, scratch.Cursor + 1, completed, clock.Elapsed);
    }

    // With nothing open the poll has nothing to read; a quiet spell must not cost the next order a new connection.
    private async Task KeepWarmAsync(CancellationToken cancellationToken)
    {
        if (_options.KeepWarmAfter <= TimeSpan.Zero || Environment.TickCount64 - Volatile.Read(ref _lastRequestMs) < (long)_options.KeepWarmAfter.TotalMilliseconds)
        {
            return;
        }

        Volatile.Write(ref _lastRequestMs, Environment.TickCount64);
        Counters.OnKeptWarm();
        var answer = await _client.GetUserIdAsync(cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            Log.KeepWarmFailed(_logger, answer.Error!);
        }
    }

    /// <summary>Orders whose requests are still chained, one after another (for tests: a settled order holds none).</summary>
    internal int OrdersChained => _chains.Count;

    // On the sending thread, once it has handled every queued request up to <dispatched>: what
    // waits beyond the queue came after all of those, so it goes now, in order. A request queued
    // meanwhile came after these (nothing is queued while anything waits beyond), so it stops the
    // drain and goes first; the rest follow at the end of its batch.
    private void DispatchOverflow(long dispatched)
    {
        while (_queue.TryTake(dispatched, out var late))
        {
            DispatchOne(late);
        }
    }

    // On the sending thread: each order's requests chain one after another. A request with nothing
    // before it (a new order, or a change after its place was answered) starts here, on this
    // thread, and leaves it at its first wait, once the request is on its way: a hop to the thread
    // pool would cost the order a wake-up first (tens of microseconds on a VM). What runs here
    // before that wait is the request's own encoding; the answer is handled wherever it arrives.
    private void DispatchOne(OrderRequest request)
    {
        Volatile.Write(ref _dispatched, _dispatched + 1);
        if (!_accepting)
        {
            Counters.OnNotSent();
            Log.NotSent(_logger, request.ClientOrderId, request.Action);
            return;
        }

        var task = _chains.TryGetValue(request.ClientOrderId, out var previous) && !previous.IsCompleted
            ? previous.ContinueWith(_ => ExecuteAsync(request), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap()
            : ExecuteAsync(request);
        ulong clientOrderId = request.ClientOrderId;
        _chains[clientOrderId] = task;
        _inFlight[task] = 0;
        _ = task.ContinueWith(
            t =>
            {
                _inFlight.TryRemove(t, out _);

                // Only while it is still the order's last request: a later one chained behind it
                // keeps the entry, and one started after it finished has replaced it already.
                _chains.TryRemove(new KeyValuePair<ulong, Task>(clientOrderId, t));
            },
            TaskScheduler.Default);
    }

    private async Task ExecuteAsync(OrderRequest request)
    {
        await _concurrency.WaitAsync(_stop.Token).ConfigureAwait(false);
        Volatile.Write(ref _lastRequestMs, Environment.TickCount64);
        try
        {
            switch (request.Action)
            {
                case OrderAction.Cancel:
                case OrderAction.Modify:
                    await ChangeAsync(request).ConfigureAwait(false);
                    break;
                default:
                    await PlaceAsync(request).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug here must not take the gateway down, and the engine must hear of it.
            Log.Failed(_logger, request.ClientOrderId, ex);
            Publish(request, new KiteError(BrokerError.General, $"the gateway failed: {ex.Message}", 0), ReplyOutcome.Rejected, 0, 1, TimeSpan.Zero, 0, []);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task PlaceAsync(OrderRequest request)
    {
        string tag = Tag(request.ClientOrderId);
        if (!_instruments.TryGetValue(request.InstrumentToken, out var instrument))
        {
            Publish(request, new KiteError(BrokerError.Input, $"instrument {request.InstrumentToken} is not in the run's instruments", 0), ReplyOutcome.Rejected, 0, 1, TimeSpan.Zero, 0, []);
            return;
        }

        var parameters = Parameters(request, instrument, tag);
        for (short attempt = 1; attempt <= _options.MaxPlaceAttempts; attempt++)
        {
            Counters.OnSent();
            var response = await _client.PlaceOrderAsync(parameters, _stop.Token).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                ulong brokerId = ParseId(response.Data);
                _brokerIds[request.ClientOrderId] = brokerId;
                _watched[request.ClientOrderId] = tag;
                Counters.OnAccepted();
                Publish(request, null, ReplyOutcome.Accepted, brokerId, attempt, response.Latency, response.SentTimestamp, response.Body);
                Log.Placed(_logger, request.ClientOrderId, instrument.TradingSymbol, request.Side == Side.Buy ? "BUY" : "SELL", request.Quantity, brokerId, response.Latency.TotalMilliseconds);
                return;
            }

            var error = response.Error!;
            if (error.Type == BrokerError.RateLimit)
            {
                Counters.OnRateLimited();
                Publish(request, error, ReplyOutcome.RateLimited, 0, attempt, response.Latency, response.SentTimestamp, response.Body);
                Log.RateLimited(_logger, request.ClientOrderId);
                return;
            }

            if (response.HttpStatus is > 0 and < 500)
            {
                Counters.OnRejected();
                Publish(request, error, ReplyOutcome.Rejected, 0, attempt, response.Latency, response.SentTimestamp, response.Body);
                Log.Refused(_logger, request.ClientOrderId, error.ToString());
                return;
            }

            // No usable answer: the order may or may not exist. Find out before anything else.
            Counters.OnUnanswered();
            Publish(request, error, ReplyOutcome.NoAnswer, 0, attempt, response.Latency, response.SentTimestamp, response.Body);
            Log.Unanswered(_logger, request.ClientOrderId, error.ToString());
            var (found, known) = await LookUpAsync(request.ClientOrderId, tag).ConfigureAwait(false);
            if (found is { } order)
            {
                ulong brokerId = ParseId(order.Id);
                _brokerIds[request.ClientOrderId] = brokerId;
                _watched[request.ClientOrderId] = tag;
                Publish(request, null, ReplyOutcome.Found, brokerId, attempt, TimeSpan.Zero, 0, order.Json);
                Log.Found(_logger, request.ClientOrderId, brokerId);
                return;
            }

            if (!known)
            {
                // The broker could not be asked: sending again could duplicate the order.
                _watched[request.ClientOrderId] = tag;
                Publish(request, new KiteError(BrokerError.Network, "the order book could not be read to learn whether the order exists; not sent again (the order book poll keeps looking)", 0), ReplyOutcome.Rejected, 0, attempt, TimeSpan.Zero, 0, []);
                return;
            }

            Publish(request, null, ReplyOutcome.Absent, 0, attempt, TimeSpan.Zero, 0, "{\"status\":\"absent\",\"message\":\"no order with this tag in the order book\"}"u8);
            if (attempt < _options.MaxPlaceAttempts)
            {
                Counters.OnResent();
            }
        }

        Publish(request, new KiteError(BrokerError.Network, $"no answer after {_options.MaxPlaceAttempts} sends, and the order is not in the order book", 0), ReplyOutcome.Rejected, 0, (short)_options.MaxPlaceAttempts, TimeSpan.Zero, 0, []);
    }

    private async Task ChangeAsync(OrderRequest request)
    {
        ulong brokerId = request.BrokerOrderId != 0 ? request.BrokerOrderId : _brokerIds.GetValueOrDefault(request.ClientOrderId);
        if (brokerId == 0)
        {
            Publish(request, new KiteError(BrokerError.Order, "the order never reached the broker", 0), ReplyOutcome.Rejected, 0, 1, TimeSpan.Zero, 0, []);
            return;
        }

        string id = brokerId.ToString(CultureInfo.InvariantCulture);
        Counters.OnSent();
        KiteResponse<string> response;
        if (request.Action == OrderAction.Cancel)
        {
            response = await _client.CancelOrderAsync(id, _stop.Token).ConfigureAwait(false);
        }
        else
        {
            var instrument = _instruments[request.InstrumentToken];
            response = await _client.ModifyOrderAsync(id, new KiteOrderParameters
            {
                Quantity = request.Quantity,
                OrderType = OrderTypeName(request.OrderType),
                Price = request.Price > 0 ? request.Price / (decimal)instrument.PriceDivisor : null,
                TriggerPrice = request.TriggerPrice > 0 ? request.TriggerPrice / (decimal)instrument.PriceDivisor : null,
            }, _stop.Token).ConfigureAwait(false);
        }

        var outcome = response.IsSuccess ? ReplyOutcome.Accepted
            : response.Error!.Type == BrokerError.RateLimit ? ReplyOutcome.RateLimited
            : response.HttpStatus is > 0 and < 500 ? ReplyOutcome.Rejected
            : ReplyOutcome.NoAnswer;
        _watched[request.ClientOrderId] = Tag(request.ClientOrderId);
        Publish(request, response.Error, outcome, brokerId, 1, response.Latency, response.SentTimestamp, response.Body);
    }

    // The order with this tag in today's order book: found, absent (every look-up agreed), or not known (the book could not be read).
    private async Task<((string Id, byte[] Json)? Order, bool Known)> LookUpAsync(ulong clientOrderId, string tag)
    {
        await Task.Delay(_options.LookupDelay, _stop.Token).ConfigureAwait(false);
        for (int look = 0; look < _options.AbsentLookups; look++)
        {
            Counters.OnLookup();
            var book = await _lookupRetry.ExecuteAsync(async token => await _client.GetOrdersAsync(token).ConfigureAwait(false), _stop.Token).ConfigureAwait(false);
            if (!book.IsSuccess)
            {
                return (null, false);
            }

            foreach (var (order, json) in Orders(book.Body))
            {
                if (order.Tag == tag)
                {
                    return ((order.OrderId, json), true);
                }
            }

            if (look + 1 < _options.AbsentLookups)
            {
                await Task.Delay(_options.LookupDelay, _stop.Token).ConfigureAwait(false);
            }
        }

        Log.Absent(_logger, clientOrderId, _options.AbsentLookups);
        return (null, true);
    }

    // While orders are open, read the order book and bring in each change of one of ours.
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_watched.IsEmpty && _answers is not null)
            {
                await ReadOrderBookAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await KeepWarmAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // One read of the order book; the poll and the drain take turns, so each change is brought in once.
    private async Task ReadOrderBookAsync(CancellationToken cancellationToken)
    {
        await _bookReading.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastRequestMs, Environment.TickCount64);
        try
        {
            var book = await _client.GetOrdersAsync(cancellationToken).ConfigureAwait(false);
            if (!book.IsSuccess)
            {
                return;
            }

            foreach (var (order, json) in Orders(book.Body))
            {
                if (order.Tag is null || !OrderIds.TryParseTag(Encoding.ASCII.GetBytes(order.Tag), out ulong clientId) || !_watched.ContainsKey(clientId))
                {
                    continue;
                }

                var now = (order.Status, order.FilledQuantity, order.Quantity, order.AveragePrice);
                if (!_seen.TryGetValue(clientId, out var before) || before != now)
                {
                    _seen[clientId] = now;
                    var frame = new byte[json.Length + 24];
                    "{\"type\":\"order\",\"data\":"u8.CopyTo(frame);
                    json.CopyTo(frame, 23);
                    frame[^1] = (byte)'}';
                    _answers!.Update(frame);
                    Counters.OnUpdatePolled();
                }

                if (order.Status is "COMPLETE" or "CANCELLED" or "REJECTED")
                {
                    _watched.TryRemove(clientId, out _);
                }
            }
        }
        finally
        {
            _bookReading.Release();
        }
    }

    // <sentTimestamp> is when the answered request went out (0 when none did): the answer's own
    // reading comes after its latency ends, so the answer's time less the latency would be later.
    private void Publish(in OrderRequest request, KiteError? error, ReplyOutcome outcome, ulong brokerId, short attempt, TimeSpan latency, long sentTimestamp, ReadOnlySpan<byte> body)
    {
        var reply = new OrderReply
        {
            ClientOrderId = request.ClientOrderId,
            BrokerOrderId = brokerId,
            Action = request.Action == OrderAction.None ? OrderAction.Place : request.Action,
            Outcome = outcome,
            Error = error?.Type ?? BrokerError.None,
            HttpStatus = (short)(error?.HttpStatus ?? 200),
            Attempt = attempt,
            LatencyNs = (long)(latency.TotalMilliseconds * 1_000_000),
            HandedTicks = request.HandedTicks,
            CauseSequence = request.InputSequence,
        };
        reply.AnsweredTicks = StageStamps.Now();
        reply.SentTicks = sentTimestamp;
        if (body.IsEmpty && error is not null)
        {
            // Nothing came back: journal what the gateway saw instead, in the same envelope.
            body = SimErrorBody(error);
        }

        _answers!.Reply(reply, body);
    }

    private static byte[] SimErrorBody(KiteError error) => JsonSerializer.SerializeToUtf8Bytes(new { status = "error", message = error.Message, data = (object?)null, error_type = error.TypeName });

    private static List<(KiteOrder Order, byte[] Json)> Orders(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var list = new List<(KiteOrder, byte[])>();
        foreach (var element in document.RootElement.GetProperty("data").EnumerateArray())
        {
            byte[] json = Encoding.UTF8.GetBytes(element.GetRawText());
            list.Add((JsonSerializer.Deserialize<KiteOrder>(json)!, json));
        }

        return list;
    }

    private static KiteOrderParameters Parameters(in OrderRequest request, Instrument instrument, string tag)
    {
        decimal divisor = instrument.PriceDivisor;
        bool market = request.OrderType is OrderType.Market or OrderType.StopLossMarket;
        return new KiteOrderParameters
        {
            Exchange = instrument.Exchange,
            TradingSymbol = instrument.TradingSymbol,
            TransactionType = request.Side == Side.Buy ? "BUY" : "SELL",
            OrderType = OrderTypeName(request.OrderType),
            Quantity = request.Quantity,
            Product = request.Product switch { Product.Cnc => "CNC", Product.Nrml => "NRML", _ => "MIS" },
            Price = request.Price > 0 ? request.Price / divisor : null,
            TriggerPrice = request.TriggerPrice > 0 ? request.TriggerPrice / divisor : null,
            Validity = request.Validity switch { Validity.Ioc => "IOC", Validity.Ttl => "TTL", _ => "DAY" },
            ValidityTtl = request.Validity == Validity.Ttl ? request.ValidityTtlMinutes : null,
            MarketProtection = market ? request.MarketProtection : null,
            Tag = tag,
        };
    }

    private static string OrderTypeName(OrderType type) => type switch
    {
        OrderType.Limit => "LIMIT",
        OrderType.StopLoss => "SL",
        OrderType.StopLossMarket => "SL-M",
        _ => "MARKET",
    };

    private static string Tag(ulong clientOrderId) => clientOrderId.ToString(CultureInfo.InvariantCulture);

    private static ulong ParseId(string? id) => ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value : 0;

    private sealed class SendingHandler(RestOrderGateway owner) : IEventHandler<OrderRequest>
    {
        public string Name => "orders";

        public void OnEvent(ref OrderRequest data, long sequence, bool endOfBatch)
        {
            owner.DispatchOne(data);
            if (endOfBatch)
            {
                owner.DispatchOverflow(sequence);
            }
        }

        // A request can go beyond the queue just after the batch it waited for ended: the wait's
        // timeout sends it then, though nothing else is submitted after it.
        public void OnTimeout(long sequence) => owner.DispatchOverflow(sequence);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "order {ClientOrderId}: {Side} {Quantity} {Symbol} placed, broker order {BrokerOrderId} ({Milliseconds:F0} ms)")]
        public static partial void Placed(ILogger logger, ulong clientOrderId, string symbol, string side, long quantity, ulong brokerOrderId, double milliseconds);

        [LoggerMessage(Level = LogLevel.Warning, Message = "order {ClientOrderId}: refused for the rate (HTTP 429); not retried")]
        public static partial void RateLimited(ILogger logger, ulong clientOrderId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "order {ClientOrderId}: refused: {Error}")]
        public static partial void Refused(ILogger logger, ulong clientOrderId, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "order {ClientOrderId}: no usable answer ({Error}); looking it up by its tag before anything else")]
        public static partial void Unanswered(ILogger logger, ulong clientOrderId, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "order {ClientOrderId}: found in the order book as broker order {BrokerOrderId}; not sent again")]
        public static partial void Found(ILogger logger, ulong clientOrderId, ulong brokerOrderId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "order {ClientOrderId}: not in the order book after {Lookups} look-ups; sending it again")]
        public static partial void Absent(ILogger logger, ulong clientOrderId, int lookups);

        [LoggerMessage(Level = LogLevel.Warning, Message = "order request for {ClientOrderId} queued beyond the gateway's ring (the broker is slower than the orders)")]
        public static partial void Overflow(ILogger logger, ulong clientOrderId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "order {ClientOrderId}: {Action} journaled but not sent: the engine is stopping")]
        public static partial void NotSent(ILogger logger, ulong clientOrderId, OrderAction action);

        [LoggerMessage(Level = LogLevel.Error, Message = "order {ClientOrderId}: the gateway failed")]
        public static partial void Failed(ILogger logger, ulong clientOrderId, Exception error);

        [LoggerMessage(Level = LogLevel.Information, Message = "order path rehearsed: {Requests} requests answered in-process in {Milliseconds:F0} ms, none sent to the broker{Note}")]
        public static partial void Rehearsed(ILogger logger, int requests, double milliseconds, string note);

        [LoggerMessage(Level = LogLevel.Warning, Message = "the order path's rehearsal failed; the first order compiles its path instead")]
        public static partial void RehearsalFailed(ILogger logger, Exception error);

        [LoggerMessage(Level = LogLevel.Debug, Message = "keep-warm read of the profile failed: {Error} (the next request opens a new connection)")]
        public static partial void KeepWarmFailed(ILogger logger, KiteError error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} order(s) of this run still open at the broker at the stop (tags {Tags}); the next run's reconciliation takes them up")]
        public static partial void OpenAtStop(ILogger logger, int count, string tags);
    }
}
