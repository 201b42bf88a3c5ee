using System.Net;
using Engine.Core.Orders;
using Engine.Kite.Rest;

namespace Engine.Tests.Kite;

/// <summary>The REST client against Kite's recorded response shapes (tests/data/kite/rest, from the official clients' suites).</summary>
public sealed class KiteRestClientTests
{
    [Fact]
    public async Task EveryCallCarriesKitesHeadersAndAPlaceSendsItsFormFields()
    {
        var handler = new RecordedHandler((HttpStatusCode.OK, """{"status":"success","data":{"order_id":"151220000000000"}}"""));
        using var client = Client(handler);
        var response = await client.PlaceOrderAsync(new KiteOrderParameters
        {
            Exchange = "NSE",
            TradingSymbol = "INFY",
            TransactionType = "BUY",
            OrderType = "MARKET",
            Quantity = 5,
            Product = "MIS",
            Validity = "DAY",
            MarketProtection = -1,
            Tag = "1234567890",
        });

        Assert.True(response.IsSuccess);
        Assert.Equal("151220000000000", response.Data);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/orders/regular", request.Path);
        Assert.Equal("3", request.Headers["X-Kite-Version"]);
        Assert.Equal("token key123:token456", request.Headers["Authorization"]);
        Assert.Equal("exchange=NSE&tradingsymbol=INFY&transaction_type=BUY&order_type=MARKET&quantity=5&product=MIS&validity=DAY&market_protection=-1&tag=1234567890", request.Body);
    }

    [Theory]
    [InlineData("a-tag-with-dashes")]
    [InlineData("123456789012345678901")]
    public void ATagKiteWouldRefuseIsRefusedBeforeSending(string tag)
    {
        var error = Assert.Throws<ArgumentException>(() => new KiteOrderParameters { Tag = tag }.ToFormBody());
        Assert.Contains("at most 20 alphanumeric", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOrderBookOrderHistoryAndTradesReadAsRecorded()
    {
        var handler = new RecordedHandler(File("orders.json"), File("order_history.json"), File("trades.json"));
        using var client = Client(handler);

        var orders = (await client.GetOrdersAsync()).EnsureSuccess();
        Assert.Equal(7, orders.Count);
        Assert.Equal("CANCELLED", orders[0].Status);
        Assert.Equal(412675u, orders[0].InstrumentToken);
        Assert.Equal(72m, orders[0].Price);
        Assert.Equal(109.35m, orders[2].AveragePrice);
        Assert.Equal("MARKET", orders[2].OrderType);
        Assert.Equal("REJECTED", orders[3].Status);
        Assert.StartsWith("Insufficient funds", orders[3].StatusMessage, StringComparison.Ordinal);
        Assert.Equal("connect test order1", orders[4].Tag);
        Assert.Null(orders[3].ExchangeOrderId);

        var history = (await client.GetOrderHistoryAsync("171124000819854")).EnsureSuccess();
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "REJECTED"], history.Select(h => h.Status));
        Assert.Equal("/orders/171124000819854", handler.Requests[1].Path);

        var trade = Assert.Single((await client.GetTradesAsync()).EnsureSuccess());
        Assert.Equal(("159918", 10L, 100.98m, "BUY"), (trade.TradeId, trade.Quantity, trade.AveragePrice, trade.TransactionType));
    }

    [Fact]
    public async Task PositionsHoldingsMarginsAndTheSessionReadAsRecorded()
    {
        var handler = new RecordedHandler(File("positions.json"), File("holdings.json"), File("margins.json"), File("generate_session.json"));
        using var client = Client(handler);

        var positions = (await client.GetPositionsAsync()).EnsureSuccess();
        Assert.Equal(3, positions.Net.Count);
        Assert.Equal(3, positions.Day.Count);
        Assert.Equal(("LEADMINI17DECFUT", 1L, 1000m, 161.05m), (positions.Net[0].TradingSymbol, positions.Net[0].Quantity, positions.Net[0].Multiplier, positions.Net[0].AveragePrice));
        Assert.Equal(-3, positions.Day[0].Quantity);

        var holdings = (await client.GetHoldingsAsync()).EnsureSuccess();
        Assert.Equal(16, holdings.Single(h => h.TradingSymbol == "SBIN").Quantity);

        var margins = (await client.GetMarginsAsync()).EnsureSuccess();
        Assert.Equal(1697.7m, margins.Equity!.Net);
        Assert.Equal(1697.7m, margins.Equity.Available["cash"]);
        Assert.Equal(-8676.296m, margins.Commodity!.Net);

        var session = (await client.CreateSessionAsync("request_token", "api_secret")).EnsureSuccess();
        Assert.Equal(("XX0000", "XXXXXX"), (session.UserId, session.AccessToken));
        Assert.EndsWith("AccessToken = (hidden) }", session.ToString(), StringComparison.Ordinal);
        var exchange = handler.Requests[3];
        Assert.Null(exchange.Headers.GetValueOrDefault("Authorization"));
        Assert.Contains($"checksum={KiteSessionChecksum.Compute("key123", "request_token", "api_secret")}", exchange.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSessionChecksumIsTheDocumentedSha256() =>
        Assert.Equal("ff6a6d3d60c9d974df906ba6f787ac38300cfa68b41801b486ea1007e52e8942", KiteSessionChecksum.Compute("api_key", "request_token", "api_secret"));

    [Theory]
    [InlineData(500, "GeneralException", BrokerError.General)]
    [InlineData(403, "TokenException", BrokerError.Token)]
    [InlineData(400, "InputException", BrokerError.Input)]
    [InlineData(400, "MarginException", BrokerError.Margin)]
    [InlineData(503, "NetworkException", BrokerError.Network)]
    [InlineData(400, "SomethingNewException", BrokerError.General)]
    public async Task ErrorsMapByTheirTypeAndKeepTheHttpStatus(int status, string type, BrokerError expected)
    {
        string body = System.IO.File.ReadAllText(TestData.PathOf("kite/rest/error.json")).Replace("GeneralException", type, StringComparison.Ordinal);
        using var client = Client(new RecordedHandler(((HttpStatusCode)status, body)));
        var response = await client.CancelOrderAsync("1");
        Assert.False(response.IsSuccess);
        Assert.Equal((expected, "Generic error message", status), (response.Error!.Type, response.Error.Message, response.Error.HttpStatus));
        var thrown = Assert.Throws<KiteApiException>(() => response.EnsureSuccess());
        Assert.Equal(status, thrown.Error.HttpStatus);
    }

    [Fact]
    public async Task Http429IsARateLimitWhateverTheBodySaysAndIsNotRetried()
    {
        var handler = new RecordedHandler(((HttpStatusCode)429, """{"status":"error","message":"Too many requests","data":null,"error_type":"NetworkException"}"""));
        using var client = Client(handler);
        var response = await client.PlaceOrderAsync(new KiteOrderParameters { Exchange = "NSE", TradingSymbol = "INFY", TransactionType = "BUY", OrderType = "MARKET", Quantity = 1, Product = "MIS" });
        Assert.Equal((BrokerError.RateLimit, 429), (response.Error!.Type, response.HttpStatus));
        Assert.Throws<KiteRateLimitException>(() => response.EnsureSuccess());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AProxyPageForA502AndATimeoutAreAnswersNotExceptions()
    {
        using (var client = Client(new RecordedHandler(((HttpStatusCode)502, "<html><body>502 Bad Gateway</body></html>"))))
        {
            var response = await client.GetOrdersAsync();
            Assert.Equal((BrokerError.Data, 502), (response.Error!.Type, response.HttpStatus));
            Assert.Contains("502 Bad Gateway", response.Error.Message, StringComparison.Ordinal);
        }

        var slow = new RecordedHandler((HttpStatusCode.OK, "{}")) { Delay = TimeSpan.FromSeconds(30) };
        using var timing = new KiteRestClient(new KiteRestOptions { ApiKey = "key123", AccessToken = "token456", BaseUrl = new Uri("http://kite.invalid/"), Timeout = TimeSpan.FromMilliseconds(200) }, slow);
        var timedOut = await timing.PlaceOrderAsync(new KiteOrderParameters { Exchange = "NSE" });
        Assert.Equal((BrokerError.Timeout, 0), (timedOut.Error!.Type, timedOut.HttpStatus));
        Assert.Empty(timedOut.Body);
    }

    private static KiteRestClient Client(HttpMessageHandler handler) =>
        new(new KiteRestOptions { ApiKey = "key123", AccessToken = "token456", BaseUrl = new Uri("http://kite.invalid/") }, handler);

    private static (HttpStatusCode, string) File(string name) => (HttpStatusCode.OK, System.IO.File.ReadAllText(TestData.PathOf($"kite/rest/{name}")));

    /// <summary>Answers with the given responses in turn and keeps what was asked.</summary>
    private sealed class RecordedHandler(params (HttpStatusCode Status, string Body)[] responses) : HttpMessageHandler
    {
        private int _next;

        public List<(HttpMethod Method, string Path, Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

        public TimeSpan Delay { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
            string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, headers, body));
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            var (status, text) = responses[Math.Min(_next++, responses.Length - 1)];
            return new HttpResponseMessage(status) { Content = new StringContent(text) };
        }
    }
}
