using Engine.Core.Orders;
using Engine.Kite.Rest;
using Engine.Sim;
using Engine.Sim.Exchange;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Kite;

/// <summary>
/// The REST client against the simulator over loopback HTTP: every call a trading day makes, with
/// the simulator's exchange behind it, and its errors as Kite would give them.
/// </summary>
public sealed class KiteRestClientSimulatorTests : IAsyncLifetime
{
    private const uint Infy = 408065;
    private KiteSimulator _simulator = null!;
    private KiteRestClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator = await Engine.Tests.Sim.TestSimulator.StartAsync(exchange: new SimExchangeOptions { OrdersPerSecond = 1_000, Capital = 1e9m });
        _client = new KiteRestClient(new KiteRestOptions { BaseUrl = _simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token" });
        Ring.Await.Until(() => _simulator.Exchange.TryGetMarket(Infy, out _), TimeSpan.FromSeconds(30), () => "the simulator's first tick");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task AMarketOrderFillsAndShowsInTheBookItsHistoryTheTradesAndThePositions()
    {
        var placed = await _client.PlaceOrderAsync(Order("BUY", "MARKET", 3) with { Tag = "clienttest1", MarketProtection = -1 });
        Assert.True(placed.IsSuccess, placed.Error?.Message);
        string id = placed.Data!;

        var book = await _client.GetOrdersAsync();
        var order = Assert.Single(book.Data!, o => o.OrderId == id);
        Assert.Equal(("COMPLETE", 3L, "clienttest1", "INFY", "MIS"), (order.Status, order.FilledQuantity, order.Tag, order.TradingSymbol, order.Product));

        var history = await _client.GetOrderHistoryAsync(id);
        Assert.Equal("PUT ORDER REQ RECEIVED", history.Data![0].Status);
        Assert.Equal("COMPLETE", history.Data[^1].Status);

        var trades = await _client.GetOrderTradesAsync(id);
        Assert.Equal(3, trades.Data!.Sum(t => t.Quantity));
        Assert.Equal(order.AveragePrice, trades.Data!.Sum(t => t.Quantity * t.AveragePrice) / 3, 2);
        Assert.Contains((await _client.GetTradesAsync()).Data!, t => t.OrderId == id);

        var positions = await _client.GetPositionsAsync();
        var infy = Assert.Single(positions.Data!.Net, p => p.InstrumentToken == Infy && p.Product == "MIS");
        Assert.Equal((3L, 3L, 0L), (infy.Quantity, infy.BuyQuantity, infy.SellQuantity));
    }

    [Fact]
    public async Task TheProfileReadGivesTheUserIdAndABadTokenIsATokenError()
    {
        var profile = await _client.GetUserIdAsync();
        Assert.True(profile.IsSuccess, profile.Error?.Message);
        Assert.Equal("SIM001", profile.Data);

        using var wrong = new KiteRestClient(new KiteRestOptions { BaseUrl = _simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "expired" });
        var refused = await wrong.GetUserIdAsync();
        Assert.Equal((403, BrokerError.Token), (refused.HttpStatus, refused.Error!.Type));
    }

    [Fact]
    public async Task TheSimulatorsStartUpRehearsalLeavesItsExchangeAsIfNoOrderHadBeenSeen()
    {
        // The rehearsal placed, modified and cancelled an order on a scratch exchange: none of it shows here.
        Assert.Empty(_simulator.Exchange.Orders);
        Assert.Empty(_simulator.Exchange.Trades);
        Assert.Equal(0L, _simulator.Exchange.RateLimited);
        Assert.Equal(1e9m, _simulator.Exchange.Cash);

        var placed = await _client.PlaceOrderAsync(Order("BUY", "MARKET", 1) with { Tag = "first", MarketProtection = -1 });
        Assert.True(placed.IsSuccess, placed.Error?.Message);
        Assert.Equal(1UL, ulong.Parse(placed.Data!, System.Globalization.CultureInfo.InvariantCulture) % 1_000_000_000);   // the day's first order id
    }

    [Fact]
    public async Task ALimitFarFromTheMarketRestsIsModifiedAndCancelled()
    {
        Assert.True(_simulator.Exchange.TryGetMarket(Infy, out var market));
        decimal far = Math.Round(market.LastPrice / 100m * 0.9m / 0.05m) * 0.05m;   // ticks carry paise
        var placed = await _client.PlaceOrderAsync(Order("BUY", "LIMIT", 2) with { Price = far });
        Assert.True(placed.IsSuccess, placed.Error?.Message);

        var modified = await _client.ModifyOrderAsync(placed.Data!, new KiteOrderParameters { OrderType = "LIMIT", Quantity = 4, Price = far - 0.05m });
        Assert.True(modified.IsSuccess, modified.Error?.Message);
        var open = Assert.Single((await _client.GetOrdersAsync()).Data!, o => o.OrderId == placed.Data);
        Assert.Equal(("OPEN", 4L, far - 0.05m), (open.Status, open.Quantity, open.Price));

        var cancelled = await _client.CancelOrderAsync(placed.Data!);
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        Assert.Equal("CANCELLED", Assert.Single((await _client.GetOrdersAsync()).Data!, o => o.OrderId == placed.Data).Status);
    }

    [Fact]
    public async Task RefusalsComeBackAsKiteGivesThem()
    {
        // The exchange's checks reject a placed order (HTTP 200, then status REJECTED with the reason), as Kite's RMS does.
        var offTick = await _client.PlaceOrderAsync(Order("BUY", "LIMIT", 1) with { Price = 1000.01m });
        Assert.True(offTick.IsSuccess, offTick.Error?.Message);
        var rejected = Assert.Single((await _client.GetOrdersAsync()).Data!, o => o.OrderId == offTick.Data);
        Assert.Equal("REJECTED", rejected.Status);
        Assert.StartsWith("Tick size for this script is 0.05.", rejected.StatusMessage, StringComparison.Ordinal);

        // What the order system itself refuses is an error of Kite's type with its HTTP status.
        var unprotected = await _client.PlaceOrderAsync(Order("BUY", "MARKET", 1) with { MarketProtection = 0 });
        Assert.Equal((400, Engine.Core.Orders.BrokerError.Input), (unprotected.HttpStatus, unprotected.Error!.Type));
        Assert.StartsWith("Market orders without market protection are not allowed via API", unprotected.Error.Message, StringComparison.Ordinal);
        var unlisted = await _client.PlaceOrderAsync(Order("BUY", "LIMIT", 1) with { TradingSymbol = "NOSUCHSTOCK", Price = 10m });
        Assert.Equal((400, Engine.Core.Orders.BrokerError.Input), (unlisted.HttpStatus, unlisted.Error!.Type));
        using var stranger = new KiteRestClient(new KiteRestOptions { BaseUrl = _simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "someone-else" });
        var refused = await stranger.GetOrdersAsync();
        Assert.Equal((403, Engine.Core.Orders.BrokerError.Token), (refused.HttpStatus, refused.Error!.Type));
    }

    [Fact]
    public async Task MarginsHoldingsTheInstrumentsAndTheSessionExchangeRead()
    {
        var margins = await _client.GetMarginsAsync();
        Assert.True(margins.Data!.Equity!.Enabled);
        Assert.True(margins.Data.Equity.Net > 0);
        Assert.True((await _client.GetHoldingsAsync()).IsSuccess);

        var csv = await _client.GetInstrumentsCsvAsync();
        Assert.StartsWith("instrument_token,exchange_token,tradingsymbol", csv.Data!, StringComparison.Ordinal);
        Assert.Contains(",INFY,", csv.Data!, StringComparison.Ordinal);

        var session = await _client.CreateSessionAsync("request-token-1", "sim_api_secret");
        Assert.True(session.IsSuccess, session.Error?.Message);
        Assert.Equal("sim_api_key", session.Data!.ApiKey);
        Assert.False(string.IsNullOrEmpty(session.Data.AccessToken));
        var badChecksum = await _client.CreateSessionAsync("request-token-1", "not-the-secret");
        Assert.Equal(403, badChecksum.HttpStatus);
    }

    private static KiteOrderParameters Order(string side, string type, long quantity) => new()
    {
        Exchange = "NSE",
        TradingSymbol = "INFY",
        TransactionType = side,
        OrderType = type,
        Quantity = quantity,
        Product = "MIS",
        Validity = "DAY",
    };
}
