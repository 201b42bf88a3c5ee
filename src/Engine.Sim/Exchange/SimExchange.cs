using System.Globalization;
using System.Text.Json;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Matching;
using Engine.Core.Orders;
using Engine.Sim.Market;

namespace Engine.Sim.Exchange;

/// <summary>
/// The simulator's exchange: regular orders placed, modified and cancelled through Kite's REST
/// API, matched by a <see cref="MatchingBook"/> per instrument against the simulated market's own
/// ticks (the ones the ticker streams), with Kite's rejections: input errors at once (HTTP 400),
/// risk checks (tick size, lot size, freeze quantity, circuit band, margin) as a REJECTED order,
/// more than 10 requests a second as HTTP 429, more than 25 modifications as HTTP 400. Every
/// status change is kept in the order's history and announced as a Kite order update. One lock
/// guards it all: REST threads and the market thread take turns.
/// </summary>
public sealed class SimExchange : IMatchListener, ITickObserver
{
    private static readonly string[] s_positionLists = ["net", "day"];
    private readonly object _gate = new();
    private readonly SimExchangeOptions _options;
    private readonly Dictionary<uint, Listing> _byToken = [];
    private readonly Dictionary<string, uint> _bySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, SimOrder> _orders = [];
    private readonly List<SimOrder> _orderBook = [];
    private readonly List<SimTrade> _trades = [];
    private readonly HashSet<ulong> _changed = [];
    private readonly List<byte[]> _announcements = [];
    private readonly Func<DateTimeOffset> _now;
    private long _nextOrderId;
    private long _nextExchangeId = 1_300_000_000_000_000;
    private long _nextTradeId = 10_000_000;
    private long _rateSecond = -1;
    private int _rateCount;
    private long _rateLimited;

    /// <summary>Lists every modelled instrument; <paramref name="now"/> is the exchange's clock (IST).</summary>
    public SimExchange(IReadOnlyList<InstrumentModel> models, SimExchangeOptions? options = null, Func<DateTimeOffset>? now = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _options = options ?? new SimExchangeOptions();
        _now = now ?? (() => DateTimeOffset.UtcNow.ToOffset(Core.Time.UnixTime.IstOffset));
        foreach (var model in models)
        {
            var instrument = model.Instrument;
            var rules = new InstrumentRules(
                Math.Max(1, instrument.TickSizeUnits),
                Math.Max(1, instrument.LotSize),
                instrument.Segment is ExchangeSegment.Nfo or ExchangeSegment.Bfo ? _options.FreezeQuantity : 0,
                model.LowerCircuit,
                model.UpperCircuit,
                instrument.PriceDivisor);
            _byToken[instrument.InstrumentToken] = new Listing(instrument, new MatchingBook(instrument.InstrumentToken), rules);
            _bySymbol[$"{instrument.Exchange}:{instrument.TradingSymbol}"] = instrument.InstrumentToken;
        }

        _nextOrderId = (long.Parse(_now().ToString("yyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) * 1_000_000_000) + 1;
        Cash = _options.Capital;
    }

    /// <summary>Raised, outside the lock and in order, with each order update as the ticker's text frame (<c>{"type":"order","data":{…}}</c>).</summary>
    public event Action<byte[]>? OrderUpdate;

    /// <summary>The account's cash, rupees (moves with realised P&amp;L).</summary>
    public decimal Cash { get; private set; }

    /// <summary>Requests refused with HTTP 429.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Every order, in the order received (snapshots are safe to read; the objects are not).</summary>
    public IReadOnlyList<SimOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orderBook];
            }
        }
    }

    /// <summary>Every fill.</summary>
    public IReadOnlyList<SimTrade> Trades
    {
        get
        {
            lock (_gate)
            {
                return [.. _trades];
            }
        }
    }

    /// <summary>The last tick of an instrument the exchange has seen, if any.</summary>
    public bool TryGetMarket(uint token, out Tick tick)
    {
        lock (_gate)
        {
            tick = default;
            if (!_byToken.TryGetValue(token, out var listing) || !listing.Book.HasMarket)
            {
                return false;
            }

            tick = listing.Book.Market;
            return true;
        }
    }

    /// <summary>Places a regular order from Kite's form fields.</summary>
    public ExchangeAnswer Place(IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        ExchangeAnswer answer;
        lock (_gate)
        {
            answer = PlaceLocked(form);
        }

        Announce();
        return answer;
    }

    /// <summary>Modifies a regular order.</summary>
    public ExchangeAnswer Modify(string orderId, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        ExchangeAnswer answer;
        lock (_gate)
        {
            answer = ModifyLocked(orderId, form);
        }

        Announce();
        return answer;
    }

    /// <summary>Cancels a regular order.</summary>
    public ExchangeAnswer Cancel(string orderId)
    {
        ExchangeAnswer answer;
        lock (_gate)
        {
            answer = CancelLocked(orderId);
        }

        Announce();
        return answer;
    }

    /// <summary>One tick of the simulated market: resting orders that it reaches fill; new orders match against it.</summary>
    public void OnTick(in Tick tick)
    {
        lock (_gate)
        {
            if (_byToken.TryGetValue(tick.InstrumentToken, out var listing))
            {
                listing.Book.OnTick(tick, this);
                Settle();
            }
        }

        Announce();
    }

    /// <summary>The order book as Kite's <c>GET /orders</c> body.</summary>
    public byte[] OrderBookJson() => Envelope(json =>
    {
        json.WriteStartArray("data");
        lock (_gate)
        {
            foreach (var order in _orderBook)
            {
                order.Write(json);
            }
        }

        json.WriteEndArray();
    });

    /// <summary>One order's history as Kite's <c>GET /orders/{id}</c> body, or null for an unknown order.</summary>
    public byte[]? HistoryJson(string orderId)
    {
        lock (_gate)
        {
            if (!TryFind(orderId, out var order))
            {
                return null;
            }

            var history = order.History.ToArray();
            return Envelope(json =>
            {
                json.WriteStartArray("data");
                foreach (var snapshot in history)
                {
                    json.WriteRawValue(snapshot);
                }

                json.WriteEndArray();
            });
        }
    }

    /// <summary>The trade book (all, or one order's) as Kite's body, or null for an unknown order.</summary>
    public byte[]? TradesJson(string? orderId = null)
    {
        lock (_gate)
        {
            ulong? only = null;
            if (orderId is not null)
            {
                if (!TryFind(orderId, out var order))
                {
                    return null;
                }

                only = order.OrderId;
            }

            var trades = _trades.Where(t => only is null || t.OrderId == only).ToArray();
            return Envelope(json =>
            {
                json.WriteStartArray("data");
                foreach (var trade in trades)
                {
                    trade.Write(json);
                }

                json.WriteEndArray();
            });
        }
    }

    /// <summary>Positions (net and day are the same: the simulator has no earlier days) as Kite's body.</summary>
    public byte[] PositionsJson()
    {
        lock (_gate)
        {
            var positions = _trades.GroupBy(t => (t.InstrumentToken, t.Product)).Select(g => SimPosition.From(_byToken[g.Key.InstrumentToken].Instrument, g.Key.Product, g, _byToken[g.Key.InstrumentToken].Book)).ToArray();
            return Envelope(json =>
            {
                json.WriteStartObject("data");
                foreach (string name in s_positionLists)
                {
                    json.WriteStartArray(name);
                    foreach (var position in positions)
                    {
                        position.Write(json);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            });
        }
    }

    /// <summary>Holdings: the simulator starts every day without any.</summary>
    public static byte[] HoldingsJson() => Envelope(json =>
    {
        json.WriteStartArray("data");
        json.WriteEndArray();
    });

    /// <summary>Funds and margins as Kite's <c>GET /user/margins</c> body (<paramref name="segment"/>: both, or equity or commodity only).</summary>
    public byte[] MarginsJson(string? segment = null)
    {
        decimal used;
        decimal cash;
        lock (_gate)
        {
            used = UsedMargin();
            cash = Cash;
        }

        void Segment(Utf8JsonWriter json, string name, decimal segmentCash, decimal segmentUsed)
        {
            json.WriteStartObject(name);
            json.WriteBoolean("enabled", true);
            json.WriteNumber("net", segmentCash - segmentUsed);
            json.WriteStartObject("available");
            json.WriteNumber("adhoc_margin", 0);
            json.WriteNumber("cash", segmentCash);
            json.WriteNumber("opening_balance", _options.Capital);
            json.WriteNumber("live_balance", segmentCash - segmentUsed);
            json.WriteNumber("collateral", 0);
            json.WriteNumber("intraday_payin", 0);
            json.WriteEndObject();
            json.WriteStartObject("utilised");
            json.WriteNumber("debits", segmentUsed);
            json.WriteNumber("exposure", segmentUsed);
            json.WriteNumber("m2m_realised", segmentCash - _options.Capital);
            json.WriteNumber("m2m_unrealised", 0);
            json.WriteNumber("option_premium", 0);
            json.WriteNumber("payout", 0);
            json.WriteNumber("span", 0);
            json.WriteNumber("holding_sales", 0);
            json.WriteNumber("turnover", 0);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Envelope(json =>
        {
            if (segment is null)
            {
                json.WriteStartObject("data");
                Segment(json, "equity", cash, used);
                Segment(json, "commodity", 0, 0);
                json.WriteEndObject();
            }
            else
            {
                json.WritePropertyName("data");
                var inner = new System.Buffers.ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(inner))
                {
                    writer.WriteStartObject();
                    Segment(writer, "x", segment == "equity" ? cash : 0, segment == "equity" ? used : 0);
                    writer.WriteEndObject();
                }

                using var document = JsonDocument.Parse(inner.WrittenMemory);
                document.RootElement.GetProperty("x").WriteTo(json);
            }
        });
    }

    /// <summary>A success body carrying an order id.</summary>
    public static byte[] OrderIdJson(ulong orderId) => Envelope(json =>
    {
        json.WriteStartObject("data");
        json.WriteString("order_id", orderId.ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();
    });

    /// <summary>Kite's error body.</summary>
    public static byte[] ErrorJson(string errorType, string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", "error");
            json.WriteString("message", message);
            json.WriteNull("data");
            json.WriteString("error_type", errorType);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    void IMatchListener.OnFill(ulong orderId, long quantity, long price)
    {
        var order = _orders[orderId];
        var listing = _byToken[order.InstrumentToken];
        decimal rupees = price / (decimal)listing.Instrument.PriceDivisor;
        order.AveragePrice = ((order.AveragePrice * order.FilledQuantity) + (rupees * quantity)) / (order.FilledQuantity + quantity);
        order.FilledQuantity += quantity;
        order.ExchangeTimestamp = _now();
        var trade = new SimTrade(
            (ulong)(_nextTradeId++),
            order.OrderId,
            order.ExchangeOrderId,
            order.InstrumentToken,
            order.TradingSymbol,
            order.Exchange,
            order.TransactionType,
            order.Product,
            rupees,
            quantity,
            order.ExchangeTimestamp.Value);
        _trades.Add(trade);
        Cash += (order.TransactionType == "SELL" ? 1 : -1) * rupees * quantity;
        _changed.Add(orderId);
    }

    void IMatchListener.OnTriggered(ulong orderId)
    {
        var order = _orders[orderId];
        order.Status = "OPEN";
        _changed.Add(orderId);
    }

    void IMatchListener.OnExpired(ulong orderId, long remaining)
    {
        var order = _orders[orderId];
        order.CancelledQuantity = remaining;
        order.Status = "CANCELLED";
        order.StatusMessage = "IOC order: the rest was cancelled";
        _changed.Add(orderId);
    }

    private ExchangeAnswer PlaceLocked(IReadOnlyDictionary<string, string> form)
    {
        if (!TakeRateBudget())
        {
            return ExchangeAnswer.TooManyRequests();
        }

        if (ParseOrder(form, out var order, out var match, out string? problem) is not { } listing)
        {
            return ExchangeAnswer.Refused(400, "InputException", problem!);
        }

        if (match.Type is OrderType.Market or OrderType.StopLossMarket && match.MarketProtection == 0)
        {
            return ExchangeAnswer.Refused(400, "InputException", OrderChecks.Describe(RejectReason.MarketProtection, listing.Rules));
        }

        _orders[order.OrderId] = order;
        _orderBook.Add(order);
        order.Snapshot();
        order.Status = "VALIDATION PENDING";
        order.Snapshot();
        var reason = OrderChecks.Check(match, listing.Rules);
        if (reason == RejectReason.None && RequiredMargin(order, match, listing) > Cash - UsedMargin())
        {
            reason = RejectReason.Margin;
        }

        if (reason != RejectReason.None)
        {
            // Kite's second path: the order id comes back, and the order is REJECTED.
            order.Status = "REJECTED";
            order.StatusMessage = OrderChecks.Describe(reason, listing.Rules);
            Announce(order);
            return ExchangeAnswer.Placed(order.OrderId);
        }

        order.Status = "OPEN PENDING";
        order.Snapshot();
        order.ExchangeOrderId = (ulong)_nextExchangeId++;
        order.ExchangeTimestamp = _now();
        bool waitsForTrigger = match.Type is OrderType.StopLoss or OrderType.StopLossMarket;
        order.Status = waitsForTrigger ? "TRIGGER PENDING" : "OPEN";
        Announce(order);
        listing.Book.Submit(match, this);
        Settle();
        return ExchangeAnswer.Placed(order.OrderId);
    }

    private ExchangeAnswer ModifyLocked(string orderId, IReadOnlyDictionary<string, string> form)
    {
        if (!TakeRateBudget())
        {
            return ExchangeAnswer.TooManyRequests();
        }

        if (!TryFind(orderId, out var order))
        {
            return ExchangeAnswer.Refused(400, "InputException", $"Invalid order_id '{orderId}'.");
        }

        if (order.IsTerminal)
        {
            return ExchangeAnswer.Refused(400, "OrderException", $"Order cannot be modified as it is {order.Status.ToLowerInvariant()}.");
        }

        if (order.Modifications >= _options.MaxModifications)
        {
            return ExchangeAnswer.Refused(400, "OrderException", "Maximum allowed order modifications exceeded.");
        }

        var listing = _byToken[order.InstrumentToken];
        var inv = CultureInfo.InvariantCulture;
        long quantity = form.TryGetValue("quantity", out var q) && long.TryParse(q, NumberStyles.None, inv, out long parsedQuantity) ? parsedQuantity : order.Quantity;
        decimal price = form.TryGetValue("price", out var p) && decimal.TryParse(p, NumberStyles.Number, inv, out decimal parsedPrice) ? parsedPrice : order.Price;
        decimal trigger = form.TryGetValue("trigger_price", out var t) && decimal.TryParse(t, NumberStyles.Number, inv, out decimal parsedTrigger) ? parsedTrigger : order.TriggerPrice;
        string type = form.TryGetValue("order_type", out var o) && ParseType(o) != OrderType.None ? o : order.OrderType;
        if (!listing.Book.TryGet(order.OrderId, out var resting))
        {
            return ExchangeAnswer.Refused(400, "OrderException", "Order cannot be modified as it is being processed.");
        }

        var modified = resting with { };
        modified.Quantity = quantity;
        modified.Type = ParseType(type);
        modified.Price = (long)(price * listing.Instrument.PriceDivisor);
        modified.TriggerPrice = (long)(trigger * listing.Instrument.PriceDivisor);
        var reason = quantity < order.FilledQuantity ? RejectReason.Input : OrderChecks.Check(modified, listing.Rules);
        if (reason != RejectReason.None)
        {
            return ExchangeAnswer.Refused(400, "InputException", OrderChecks.Describe(reason, listing.Rules));
        }

        order.Modifications++;
        order.Quantity = quantity;
        order.Price = price;
        order.TriggerPrice = trigger;
        order.OrderType = type;
        order.Status = "MODIFIED";
        order.Snapshot();
        order.Status = modified.Type is OrderType.StopLoss or OrderType.StopLossMarket && !resting.Triggered ? "TRIGGER PENDING" : "OPEN";
        Announce(order);
        listing.Book.Modify(order.OrderId, modified.Quantity, modified.Price, modified.TriggerPrice, modified.Type, this);
        Settle();
        return ExchangeAnswer.Placed(order.OrderId);
    }

    private ExchangeAnswer CancelLocked(string orderId)
    {
        if (!TakeRateBudget())
        {
            return ExchangeAnswer.TooManyRequests();
        }

        if (!TryFind(orderId, out var order))
        {
            return ExchangeAnswer.Refused(400, "InputException", $"Invalid order_id '{orderId}'.");
        }

        if (order.IsTerminal)
        {
            return ExchangeAnswer.Refused(400, "OrderException", $"Order cannot be cancelled as it is {order.Status.ToLowerInvariant()}.");
        }

        _byToken[order.InstrumentToken].Book.Cancel(order.OrderId, out _);
        order.CancelledQuantity = order.Quantity - order.FilledQuantity;
        order.Status = "CANCELLED";
        order.ExchangeTimestamp = _now();
        Announce(order);
        return ExchangeAnswer.Placed(order.OrderId);
    }

    // After matching: every changed order gets its new status, a history entry and an update.
    private void Settle()
    {
        foreach (ulong id in _changed)
        {
            var order = _orders[id];
            if (order.FilledQuantity == order.Quantity && order.Status != "COMPLETE")
            {
                order.Status = "COMPLETE";
            }

            Announce(order);
        }

        _changed.Clear();
    }

    private void Announce(SimOrder order)
    {
        byte[] snapshot = order.Snapshot();
        var prefix = "{\"type\":\"order\",\"data\":"u8;
        var frame = new byte[prefix.Length + snapshot.Length + 1];
        prefix.CopyTo(frame);
        snapshot.CopyTo(frame, prefix.Length);
        frame[^1] = (byte)'}';
        _announcements.Add(frame);
    }

    private void Announce()
    {
        List<byte[]> due;
        lock (_gate)
        {
            if (_announcements.Count == 0)
            {
                return;
            }

            due = [.. _announcements];
            _announcements.Clear();
        }

        var handler = OrderUpdate;
        foreach (var frame in due)
        {
            handler?.Invoke(frame);
        }
    }

    private bool TakeRateBudget()
    {
        long second = _now().ToUnixTimeSeconds();
        if (second != _rateSecond)
        {
            _rateSecond = second;
            _rateCount = 0;
        }

        if (++_rateCount > _options.OrdersPerSecond)
        {
            Interlocked.Increment(ref _rateLimited);
            return false;
        }

        return true;
    }

    private decimal RequiredMargin(SimOrder order, in MatchOrder match, Listing listing)
    {
        decimal price = order.Price > 0 ? order.Price : (listing.Book.HasMarket ? listing.Book.Market.LastPrice : (long)(listing.Instrument.LastPrice * listing.Instrument.PriceDivisor)) / (decimal)listing.Instrument.PriceDivisor;
        if (order.Price == 0 && order.TriggerPrice > 0)
        {
            price = order.TriggerPrice;
        }

        return price * match.Quantity * (order.Product == "MIS" ? _options.IntradayMarginRate : 1m);
    }

    private decimal UsedMargin()
    {
        decimal used = 0;
        foreach (var order in _orderBook)
        {
            if (!order.IsTerminal)
            {
                decimal price = order.Price > 0 ? order.Price : order.TriggerPrice > 0 ? order.TriggerPrice : order.AveragePrice;
                used += price * (order.Quantity - order.FilledQuantity) * (order.Product == "MIS" ? _options.IntradayMarginRate : 1m);
            }
        }

        foreach (var group in _trades.GroupBy(t => (t.InstrumentToken, t.Product)))
        {
            long net = group.Sum(t => t.TransactionType == "BUY" ? t.Quantity : -t.Quantity);
            if (net != 0)
            {
                decimal average = group.Where(t => (t.TransactionType == "BUY") == (net > 0)).Average(t => t.Price);
                used += Math.Abs(net) * average * (group.Key.Product == "MIS" ? _options.IntradayMarginRate : 1m);
            }
        }

        return used;
    }

    private Listing? ParseOrder(IReadOnlyDictionary<string, string> form, out SimOrder order, out MatchOrder match, out string? problem)
    {
        order = null!;
        match = default;
        string Field(string name) => form.TryGetValue(name, out var value) ? value.Trim() : "";
        var inv = CultureInfo.InvariantCulture;
        string exchange = Field("exchange"), symbol = Field("tradingsymbol"), side = Field("transaction_type"), type = Field("order_type"), product = Field("product");
        string validity = Field("validity") is { Length: > 0 } v ? v : "DAY";
        problem = exchange.Length == 0 || symbol.Length == 0 ? "Missing `exchange` or `tradingsymbol`."
            : !_bySymbol.TryGetValue($"{exchange}:{symbol}", out _) ? $"Invalid `tradingsymbol`: {exchange}:{symbol} is not listed."
            : side is not ("BUY" or "SELL") ? $"Invalid `transaction_type` '{side}'."
            : ParseType(type) == OrderType.None ? $"Invalid `order_type` '{type}'."
            : product is not ("MIS" or "CNC" or "NRML") ? $"Invalid `product` '{product}'."
            : validity is not ("DAY" or "IOC" or "TTL") ? $"Invalid `validity` '{validity}'."
            : !long.TryParse(Field("quantity"), NumberStyles.None, inv, out long quantity) || quantity <= 0 ? $"Invalid `quantity` '{Field("quantity")}'."
            : form.TryGetValue("tag", out var tag) && (tag.Length > 20 || !tag.All(char.IsAsciiLetterOrDigit)) ? "Invalid `tag`: at most 20 alphanumeric characters."
            : null;
        if (problem is not null)
        {
            return null;
        }

        var listing = _byToken[_bySymbol[$"{exchange}:{symbol}"]];
        decimal price = decimal.TryParse(Field("price"), NumberStyles.Number, inv, out decimal p) ? p : 0;
        decimal trigger = decimal.TryParse(Field("trigger_price"), NumberStyles.Number, inv, out decimal t) ? t : 0;
        int protection = int.TryParse(Field("market_protection"), NumberStyles.AllowLeadingSign, inv, out int mp) ? mp : 0;
        order = new SimOrder
        {
            OrderId = (ulong)_nextOrderId++,
            Exchange = exchange,
            TradingSymbol = symbol,
            InstrumentToken = listing.Instrument.InstrumentToken,
            OrderType = type,
            TransactionType = side,
            Validity = validity,
            ValidityTtl = int.TryParse(Field("validity_ttl"), NumberStyles.None, inv, out int ttl) ? ttl : 0,
            Product = product,
            Quantity = long.Parse(Field("quantity"), inv),
            DisclosedQuantity = long.TryParse(Field("disclosed_quantity"), NumberStyles.None, inv, out long disclosed) ? disclosed : 0,
            Price = price,
            TriggerPrice = trigger,
            MarketProtection = protection,
            Tag = form.TryGetValue("tag", out var given) && given.Length > 0 ? given : null,
            OrderTimestamp = _now(),
        };
        match = new MatchOrder
        {
            Id = order.OrderId,
            Side = side == "BUY" ? Side.Buy : Side.Sell,
            Type = ParseType(type),
            Validity = validity == "IOC" ? Core.Orders.Validity.Ioc : validity == "TTL" ? Core.Orders.Validity.Ttl : Core.Orders.Validity.Day,
            MarketProtection = (short)protection,
            Quantity = order.Quantity,
            Price = (long)decimal.Round(price * listing.Instrument.PriceDivisor),
            TriggerPrice = (long)decimal.Round(trigger * listing.Instrument.PriceDivisor),
        };
        return listing;
    }

    private static OrderType ParseType(string type) => type switch
    {
        "MARKET" => OrderType.Market,
        "LIMIT" => OrderType.Limit,
        "SL" => OrderType.StopLoss,
        "SL-M" => OrderType.StopLossMarket,
        _ => OrderType.None,
    };

    private bool TryFind(string orderId, out SimOrder order)
    {
        order = null!;
        return ulong.TryParse(orderId, NumberStyles.None, CultureInfo.InvariantCulture, out ulong id) && _orders.TryGetValue(id, out order!);
    }

    private static byte[] Envelope(Action<Utf8JsonWriter> data)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", "success");
            data(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed record Listing(Instrument Instrument, MatchingBook Book, InstrumentRules Rules);
}
