using System.Diagnostics;
using System.Text.Json;
using Engine.Core.Market;
using Engine.Sim;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Sim;

/// <summary>
/// Zerodha's official Kite Connect JavaScript client (npm <c>kiteconnect</c>, pinned in
/// tests/official-client) connects to the simulator with nothing changed but its root URL and
/// decodes exactly the ticks the simulator sent.
/// </summary>
public sealed class OfficialClientCompatibilityTests
{
    private static string ClientFolder => Path.Combine(TestData.RepositoryRoot, "tests", "official-client");

    [Fact]
    public async Task KitesOfficialJsTickerDecodesWhatTheSimulatorSends()
    {
        Assert.True(
            Directory.Exists(Path.Combine(ClientFolder, "node_modules", "kiteconnect")),
            "The official client is not installed: run 'npm ci' in tests/official-client (./run.sh test does this; it needs Node.js and npm).");

        await using var simulator = await TestSimulator.StartAsync(recordSentTicks: true);

        var decoded = (await RunClientAsync("print-ticks.js", simulator.WebSocketUrl.ToString(), "3", "full:408065,256265", "quote:738561", "ltp:2953217")).ToArray();
        var sent = simulator.SentTicks.Where(s => s.Connection == 1).Select(s => s.Tick).ToArray();
        Assert.True(decoded.Length >= 100, $"only {decoded.Length} ticks decoded by the official client");
        Assert.True(sent.Length >= decoded.Length);

        var modes = new HashSet<string>();
        for (int i = 0; i < decoded.Length; i++)
        {
            var js = decoded[i];
            var t = sent[i];
            string mode = js.GetProperty("mode").GetString()!;
            modes.Add(mode + (t.IsIndex ? "-index" : ""));
            Assert.Equal(t.InstrumentToken, js.GetProperty("instrument_token").GetUInt32());
            Assert.Equal(t.Mode switch { TickMode.Ltp => "ltp", TickMode.Quote => "quote", _ => "full" }, mode);
            Assert.Equal(!t.IsIndex, js.GetProperty("tradable").GetBoolean());
            AssertPrice(t.LastPrice, js.GetProperty("last_price"));
            if (t.Mode == TickMode.Ltp)
            {
                continue;
            }

            var ohlc = js.GetProperty("ohlc");
            AssertPrice(t.Open, ohlc.GetProperty("open"));
            AssertPrice(t.High, ohlc.GetProperty("high"));
            AssertPrice(t.Low, ohlc.GetProperty("low"));
            AssertPrice(t.Close, ohlc.GetProperty("close"));
            if (t.IsIndex)
            {
                continue;
            }

            Assert.Equal(t.VolumeTraded, js.GetProperty("volume_traded").GetInt64());
            Assert.Equal(t.LastTradedQuantity, js.GetProperty("last_traded_quantity").GetInt64());
            AssertPrice(t.AverageTradedPrice, js.GetProperty("average_traded_price"));
            Assert.Equal(t.TotalBuyQuantity, js.GetProperty("total_buy_quantity").GetInt64());
            Assert.Equal(t.TotalSellQuantity, js.GetProperty("total_sell_quantity").GetInt64());
            if (t.Mode == TickMode.Full)
            {
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(t.ExchangeTimestamp), js.GetProperty("exchange_timestamp").GetDateTimeOffset());
                var buy = js.GetProperty("depth").GetProperty("buy");
                var sell = js.GetProperty("depth").GetProperty("sell");
                for (int level = 0; level < DepthSide.Levels; level++)
                {
                    AssertPrice(t.Bids[level].Price, buy[level].GetProperty("price"));
                    Assert.Equal(t.Bids[level].Quantity, buy[level].GetProperty("quantity").GetUInt32());
                    Assert.Equal(t.Bids[level].Orders, buy[level].GetProperty("orders").GetUInt16());
                    AssertPrice(t.Asks[level].Price, sell[level].GetProperty("price"));
                    Assert.Equal(t.Asks[level].Quantity, sell[level].GetProperty("quantity").GetUInt32());
                }
            }
        }

        Assert.Superset(new HashSet<string> { "full", "full-index", "quote", "ltp" }, modes);
    }

    [Fact]
    public async Task KitesOfficialJsClientPlacesModifiesCancelsAndReadsOrdersAndPositions()
    {
        Assert.True(Directory.Exists(Path.Combine(ClientFolder, "node_modules", "kiteconnect")), "The official client is not installed: run 'npm ci' in tests/official-client.");
        await using var simulator = await TestSimulator.StartAsync();
        Engine.Tests.Ring.Await.Until(() => simulator.Exchange.TryGetMarket(408065, out _), TimeSpan.FromSeconds(30), () => "a first INFY tick");
        simulator.Exchange.TryGetMarket(408065, out var infy);

        // Limit prices well below the market (and within the circuit band), on the 5-paise tick.
        decimal limit = Math.Round(infy.LastPrice * 0.9m / 5) * 5 / 100, modified = limit + 1;
        var steps = await RunClientAsync("orders.js", simulator.RestUrl.ToString(), simulator.WebSocketUrl.ToString(), limit.ToString(System.Globalization.CultureInfo.InvariantCulture), modified.ToString(System.Globalization.CultureInfo.InvariantCulture));
        JsonElement Step(string name) => steps.Single(s => s.GetProperty("step").GetString() == name);

        string marketId = Step("placed_market").GetProperty("order_id").GetString()!;
        string limitId = Step("placed_limit").GetProperty("order_id").GetString()!;
        Assert.Equal(limitId, Step("modified").GetProperty("order_id").GetString());
        Assert.Equal(limitId, Step("cancelled").GetProperty("order_id").GetString());

        var orders = Step("orders").GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("order_id").GetString()!);
        Assert.Equal(("COMPLETE", "jsmarket", 2), (orders[marketId].GetProperty("status").GetString(), orders[marketId].GetProperty("tag").GetString(), orders[marketId].GetProperty("filled_quantity").GetInt32()));
        Assert.Equal(("CANCELLED", (double)modified), (orders[limitId].GetProperty("status").GetString(), orders[limitId].GetProperty("price").GetDouble()));
        Assert.Equal(["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN", "MODIFIED", "OPEN", "CANCELLED"], Step("history").GetProperty("statuses").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, Step("trades").GetProperty("trades").EnumerateArray().Where(t => t.GetProperty("order_id").GetString() == marketId).Sum(t => t.GetProperty("quantity").GetInt32()));
        var position = Step("positions").GetProperty("net").EnumerateArray().Single(p => p.GetProperty("tradingsymbol").GetString() == "INFY");
        Assert.Equal((2, "MIS"), (position.GetProperty("quantity").GetInt32(), position.GetProperty("product").GetString()));
        Assert.Equal("InputException", Step("refused").GetProperty("error_type").GetString());

        var updates = steps.Where(s => s.GetProperty("step").GetString() == "order_update").ToList();
        Assert.Contains(updates, u => u.GetProperty("order_id").GetString() == marketId && u.GetProperty("status").GetString() == "COMPLETE");
        Assert.Contains(updates, u => u.GetProperty("order_id").GetString() == limitId && u.GetProperty("status").GetString() == "CANCELLED");
    }

    private static void AssertPrice(long units, JsonElement rupees) =>
        Assert.Equal(units, (long)Math.Round(rupees.GetDouble() * 100));

    /// <summary>Runs one of the official client's scripts with <paramref name="args"/>; each line it prints is a JSON object.</summary>
    private static async Task<List<JsonElement>> RunClientAsync(params string[] args)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = ClientFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var node = Process.Start(info)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)), "the official client did not finish");
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}\n{await stdout}");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }
}
