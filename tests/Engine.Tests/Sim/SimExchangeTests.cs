using System.Text.Json;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Sim.Exchange;
using Engine.Sim.Market;

namespace Engine.Tests.Sim;

/// <summary>
/// The simulator's exchange on its own, with ticks made by hand and a clock the test moves:
/// matching (market orders walk the depth, limits rest and fill on a trade-through, SL triggers,
/// IOC, partial fills, modify and cancel) and Kite's rejections.
/// </summary>
public sealed class SimExchangeTests
{
    private static readonly Instrument Infy = new(408065, 1594, "INFY", "INFOSYS", 1500m, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");
    private static readonly Instrument NiftyFuture = new(13238786, 51714, "NIFTY26DECFUT", "NIFTY", 24000m, new DateOnly(2026, 12, 29), 0, 0.1m, 75, "FUT", "NFO-FUT", "NFO");

    private DateTimeOffset _now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromMinutes(330));

    [Fact]
    public void AMarketBuyWalksTheAskDepthAtEachLevelsPriceAndCompletes()
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 4), (150010, 3), (150015, 100)]));
        string id = Placed(exchange.Place(Form("BUY", "MARKET", 6)));

        var order = Order(exchange, id);
        Assert.Equal("COMPLETE", order.GetProperty("status").GetString());
        var trades = exchange.Trades;
        Assert.Equal([(4L, 1500.05m), (2L, 1500.10m)], trades.Select(t => (t.Quantity, t.Price)));
        Assert.Equal(decimal.Round(((4 * 1500.05m) + (2 * 1500.10m)) / 6, 6), decimal.Round(order.GetProperty("average_price").GetDecimal(), 6));
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN", "COMPLETE"], History(exchange, id));
    }

    [Fact]
    public void AMarketOrderBeyondTheDepthFillsPartlyAndRestsAtItsProtectionPrice()
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 4)]));
        string id = Placed(exchange.Place(Form("BUY", "MARKET", 10, protection: 1)));
        var order = Order(exchange, id);
        Assert.Equal(("OPEN", 4L, 6L), (order.GetProperty("status").GetString(), order.GetProperty("filled_quantity").GetInt64(), order.GetProperty("pending_quantity").GetInt64()));

        // The protection price is 1% above the ask; the market then trades through it.
        exchange.OnTick(Quote(150005, asks: [(151600, 50)]) with { LastPrice = 151400 });
        Assert.Equal("COMPLETE", Order(exchange, id).GetProperty("status").GetString());
        Assert.Equal(151505 / 100m, exchange.Trades[^1].Price);
    }

    [Fact]
    public void ALimitRestsUntilTheMarketTradesThroughAndAnIocLimitCancelsWhatItCannotFill()
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 10)]));
        string resting = Placed(exchange.Place(Form("BUY", "LIMIT", 5, price: 1490m)));
        Assert.Equal("OPEN", Order(exchange, resting).GetProperty("status").GetString());

        exchange.OnTick(Quote(148900, asks: [(149100, 2)]));   // depth above the limit, but the market traded through it
        Assert.Equal("COMPLETE", Order(exchange, resting).GetProperty("status").GetString());
        Assert.Equal(1490m, exchange.Trades.Single().Price);

        string ioc = Placed(exchange.Place(Form("BUY", "LIMIT", 5, price: 1480m, validity: "IOC")));
        var cancelled = Order(exchange, ioc);
        Assert.Equal(("CANCELLED", 5L), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelled_quantity").GetInt64()));
    }

    [Fact]
    public void StopOrdersWaitForTheirTriggerAndThenWorkAsLimitOrMarketOrders()
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 100)], bids: [(149995, 100)]));
        string stopMarket = Placed(exchange.Place(Form("SELL", "SL-M", 5, trigger: 1495m)));
        string stopLimit = Placed(exchange.Place(Form("BUY", "SL", 5, price: 1512m, trigger: 1510m)));
        Assert.All(new[] { stopMarket, stopLimit }, id => Assert.Equal("TRIGGER PENDING", Order(exchange, id).GetProperty("status").GetString()));

        exchange.OnTick(Quote(149400, asks: [(149405, 100)], bids: [(149395, 100)]));
        Assert.Equal("COMPLETE", Order(exchange, stopMarket).GetProperty("status").GetString());
        Assert.Equal("TRIGGER PENDING", Order(exchange, stopLimit).GetProperty("status").GetString());

        exchange.OnTick(Quote(151100, asks: [(151105, 100)], bids: [(151095, 100)]));
        Assert.Equal("COMPLETE", Order(exchange, stopLimit).GetProperty("status").GetString());
        Assert.Equal(1511.05m, exchange.Trades[^1].Price);
    }

    [Fact]
    public void ModifyAndCancelWorkOnOpenOrdersAndAreRefusedOnFinishedOnes()
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 100)]));
        string id = Placed(exchange.Place(Form("BUY", "LIMIT", 5, price: 1490m)));
        Assert.Equal(200, exchange.Modify(id, new Dictionary<string, string> { ["price"] = "1495", ["quantity"] = "7" }).HttpStatus);
        var modified = Order(exchange, id);
        Assert.Equal((1495m, 7L, true), (modified.GetProperty("price").GetDecimal(), modified.GetProperty("quantity").GetInt64(), modified.GetProperty("modified").GetBoolean()));
        Assert.Contains("MODIFIED", History(exchange, id));

        Assert.Equal(200, exchange.Cancel(id).HttpStatus);
        var cancelled = Order(exchange, id);
        Assert.Equal(("CANCELLED", 7L), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelled_quantity").GetInt64()));
        var again = exchange.Cancel(id);
        Assert.Equal(400, again.HttpStatus);
        Assert.Equal("OrderException", Json(again.Body).GetProperty("error_type").GetString());
        Assert.Equal(400, exchange.Modify(id, new Dictionary<string, string> { ["price"] = "1496" }).HttpStatus);
    }

    [Fact]
    public void MoreThan25ModificationsOfOneOrderAreRefused()
    {
        var exchange = Exchange(new SimExchangeOptions { OrdersPerSecond = 1000 });
        exchange.OnTick(Quote(150000, asks: [(150005, 100)]));
        string id = Placed(exchange.Place(Form("BUY", "LIMIT", 5, price: 1400m)));
        for (int i = 0; i < 25; i++)
        {
            Assert.Equal(200, exchange.Modify(id, new Dictionary<string, string> { ["price"] = (1400m + ((i + 1) * 0.05m)).ToString(System.Globalization.CultureInfo.InvariantCulture) }).HttpStatus);
        }

        var refused = exchange.Modify(id, new Dictionary<string, string> { ["price"] = "1402" });
        Assert.Equal(400, refused.HttpStatus);
        Assert.Contains("Maximum allowed order modifications exceeded", Json(refused.Body).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTenOrderRequestsInOneSecondGetHttp429AndTheNextSecondIsFresh()
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 1000)]));
        var answers = Enumerable.Range(0, 12).Select(_ => exchange.Place(Form("BUY", "LIMIT", 1, price: 1400m)).HttpStatus).ToList();
        Assert.Equal(Enumerable.Repeat(200, 10).Concat([429, 429]), answers);
        Assert.Equal(2, exchange.RateLimited);
        _now = _now.AddSeconds(1);
        Assert.Equal(200, exchange.Place(Form("BUY", "LIMIT", 1, price: 1400m)).HttpStatus);
    }

    [Theory]
    [InlineData("tick size", "LIMIT", 1500.03, 5, "tick size")]
    [InlineData("circuit band", "LIMIT", 1850, 5, "circuit limit")]
    [InlineData("margin", "LIMIT", 1500, 5000, "Margin Exceeds")]
    public void RiskChecksRejectTheOrderAfterGivingItAnId(string what, string type, double price, long quantity, string message)
    {
        var exchange = Exchange();
        exchange.OnTick(Quote(150000, asks: [(150005, 100)]));
        var answer = exchange.Place(Form("BUY", type, quantity, price: (decimal)price));
        Assert.True(answer.HttpStatus == 200, what);
        var order = Order(exchange, Placed(answer));
        Assert.Equal("REJECTED", order.GetProperty("status").GetString());
        Assert.Contains(message, order.GetProperty("status_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LotSizeAndFreezeQuantityApplyToDerivatives()
    {
        var exchange = Exchange(new SimExchangeOptions { FreezeQuantity = 1800, Capital = 1e12m });
        exchange.OnTick(Quote(2400000, asks: [(2400010, 1000)], token: NiftyFuture.InstrumentToken));
        string oddLot = Placed(exchange.Place(Form("BUY", "LIMIT", 100, price: 23950m, symbol: "NIFTY26DECFUT", exchange: "NFO", product: "NRML")));
        Assert.Contains("lot size 75", Order(exchange, oddLot).GetProperty("status_message").GetString(), StringComparison.Ordinal);
        string frozen = Placed(exchange.Place(Form("BUY", "LIMIT", 1875, price: 23950m, symbol: "NIFTY26DECFUT", exchange: "NFO", product: "NRML")));
        Assert.Contains("FREEZE QTY", Order(exchange, frozen).GetProperty("status_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MarketOrdersWithoutProtectionAndBadFieldsAreRefusedAtOnce()
    {
        var exchange = Exchange();
        var unprotected = exchange.Place(Form("BUY", "MARKET", 1, protection: 0));
        Assert.Equal(400, unprotected.HttpStatus);
        Assert.Equal("InputException", Json(unprotected.Body).GetProperty("error_type").GetString());
        Assert.Contains("market protection", Json(unprotected.Body).GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(400, exchange.Place(Form("BUY", "LIMIT", 1, price: 1500m, symbol: "NOPE")).HttpStatus);
        Assert.Equal(400, exchange.Place(Form("BUY", "LIMIT", 0, price: 1500m)).HttpStatus);
        Assert.Empty(exchange.Orders);
    }

    [Fact]
    public void EveryChangeIsAnnouncedAsAKiteOrderUpdateCarryingTheTag()
    {
        var exchange = Exchange();
        var updates = new List<JsonElement>();
        exchange.OrderUpdate += frame => updates.Add(Json(frame));
        exchange.OnTick(Quote(150000, asks: [(150005, 100)]));
        exchange.Place(Form("BUY", "MARKET", 2, tag: "4242"));
        Assert.All(updates, u => Assert.Equal("order", u.GetProperty("type").GetString()));
        Assert.Equal(["OPEN", "COMPLETE"], updates.Select(u => u.GetProperty("data").GetProperty("status").GetString()));
        Assert.All(updates, u => Assert.Equal("4242", u.GetProperty("data").GetProperty("tag").GetString()));
        Assert.True(Engine.Kite.Ticker.OrderUpdateParser.TryParse(JsonSerializer.SerializeToUtf8Bytes(updates[^1]), out var parsed));
        Assert.Equal((Engine.Core.Orders.OrderStatus.Complete, 2L, 150005L), (parsed.Status, parsed.FilledQuantity, parsed.AveragePrice));
    }

    private SimExchange Exchange(SimExchangeOptions? options = null) =>
        new([new InstrumentModel(Infy, 1, 10), new InstrumentModel(NiftyFuture, 1, 10)], options, () => _now);

    private static Tick Quote(long last, (long Price, long Quantity)[]? asks = null, (long Price, long Quantity)[]? bids = null, uint token = 408065)
    {
        var tick = new Tick { InstrumentToken = token, Mode = TickMode.Full, Segment = Segments.Of(token), Tradable = true, PriceDivisor = 100, LastPrice = last };
        for (int i = 0; i < (asks?.Length ?? 0); i++)
        {
            tick.Asks[i] = new DepthLevel { Price = (uint)asks![i].Price, Quantity = (uint)asks[i].Quantity, Orders = 1 };
        }

        for (int i = 0; i < (bids?.Length ?? 0); i++)
        {
            tick.Bids[i] = new DepthLevel { Price = (uint)bids![i].Price, Quantity = (uint)bids[i].Quantity, Orders = 1 };
        }

        return tick;
    }

    private static Dictionary<string, string> Form(string side, string type, long quantity, decimal price = 0, decimal trigger = 0, int protection = -1, string validity = "DAY", string symbol = "INFY", string exchange = "NSE", string product = "MIS", string? tag = null)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var form = new Dictionary<string, string>
        {
            ["exchange"] = exchange,
            ["tradingsymbol"] = symbol,
            ["transaction_type"] = side,
            ["order_type"] = type,
            ["quantity"] = quantity.ToString(inv),
            ["product"] = product,
            ["validity"] = validity,
            ["market_protection"] = protection.ToString(inv),
        };
        if (price > 0)
        {
            form["price"] = price.ToString(inv);
        }

        if (trigger > 0)
        {
            form["trigger_price"] = trigger.ToString(inv);
        }

        if (tag is not null)
        {
            form["tag"] = tag;
        }

        return form;
    }

    private static string Placed(ExchangeAnswer answer)
    {
        Assert.True(answer.HttpStatus == 200, System.Text.Encoding.UTF8.GetString(answer.Body));
        return Json(answer.Body).GetProperty("data").GetProperty("order_id").GetString()!;
    }

    private static JsonElement Order(SimExchange exchange, string id) =>
        Json(exchange.OrderBookJson()).GetProperty("data").EnumerateArray().Single(o => o.GetProperty("order_id").GetString() == id);

    private static List<string> History(SimExchange exchange, string id) =>
        Json(exchange.HistoryJson(id)!).GetProperty("data").EnumerateArray().Select(h => h.GetProperty("status").GetString()!).Distinct().ToList();

    private static JsonElement Json(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }
}
