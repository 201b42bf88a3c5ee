using Engine.Core.Instruments;
using Engine.Host.History;
using Engine.Kite.Instruments;
using Engine.Kite.Rest;
using Engine.Tests.Cli;
using Engine.Tests.Sim;

namespace Engine.Tests.History;

/// <summary>
/// Historical candles: the simulator answers as Kite does (weekday sessions, the per-request cap,
/// 3 requests a second, the candle shape), a range split into pieces gives the candles one request
/// gives, and <c>engine history</c> fills the cache across Kite's caps without duplicates.
/// </summary>
public sealed class HistoryTests
{
    private static readonly Instrument Infy = KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv")).Single(i => i.Key == "NSE:INFY");

    [Fact]
    public async Task TheSimulatorGivesWeekdaySessionsOfMinuteCandlesAndTheSameCandlesWhateverTheSplit()
    {
        await using var simulator = await TestSimulator.StartAsync();
        using var client = Client(simulator);

        // Thursday 19 and Friday 20 November 2026, then the weekend: two sessions of 375 minutes.
        var whole = (await client.GetHistoricalAsync(Infy.InstrumentToken, "minute", new DateTime(2026, 11, 19), new DateTime(2026, 11, 22, 23, 59, 59))).EnsureSuccess();
        Assert.Equal(2 * 375, whole.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 9, 15, 0, TimeSpan.FromMinutes(330)), whole[0].Time);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 29, 0, TimeSpan.FromMinutes(330)), whole[^1].Time);
        Assert.All(whole, c => Assert.True(c.High >= Math.Max(c.Open, c.Close) && c.Low <= Math.Min(c.Open, c.Close) && c.Volume > 0, $"{c}"));
        Assert.All(whole.Zip(whole.Skip(1)).Where(p => p.Second.Time - p.First.Time == TimeSpan.FromMinutes(1)), pair => Assert.Equal(pair.First.Close, pair.Second.Open));   // within a session; overnight it gaps

        await Task.Delay(1100);   // the rate
        var thursday = (await client.GetHistoricalAsync(Infy.InstrumentToken, "minute", new DateTime(2026, 11, 19), new DateTime(2026, 11, 19, 23, 59, 59))).EnsureSuccess();
        var friday = (await client.GetHistoricalAsync(Infy.InstrumentToken, "minute", new DateTime(2026, 11, 20), new DateTime(2026, 11, 20, 23, 59, 59))).EnsureSuccess();
        Assert.Equal(whole, [.. thursday, .. friday]);

        // Five-minute candles aggregate the minutes.
        var five = (await client.GetHistoricalAsync(Infy.InstrumentToken, "5minute", new DateTime(2026, 11, 19), new DateTime(2026, 11, 19, 23, 59, 59))).EnsureSuccess();
        Assert.Equal(75, five.Count);
        Assert.Equal((whole[0].Open, whole[4].Close, whole.Take(5).Max(c => c.High), whole.Take(5).Min(c => c.Low), whole.Take(5).Sum(c => c.Volume)), (five[0].Open, five[0].Close, five[0].High, five[0].Low, five[0].Volume));
    }

    [Fact]
    public async Task TheSimulatorRefusesARangeAboveKitesCapAndAFourthRequestInASecond()
    {
        await using var simulator = await TestSimulator.StartAsync();
        using var client = Client(simulator);
        var tooLong = await client.GetHistoricalAsync(Infy.InstrumentToken, "minute", new DateTime(2026, 1, 1), new DateTime(2026, 3, 15));
        Assert.Equal((400, "interval exceeds max limit: 60 days"), (tooLong.HttpStatus, tooLong.Error!.Message));

        await Task.Delay(1100);
        var answers = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            answers.Add((await client.GetHistoricalAsync(Infy.InstrumentToken, "day", new DateTime(2026, 11, 2), new DateTime(2026, 11, 6))).HttpStatus);
        }

        Assert.Contains(429, answers);
        Assert.Equal([200, 200, 200], answers.Take(3));
    }

    [Fact]
    public void AnIntervalWithQuotesInItIsRefusedInJsonThatStillParses()
    {
        // The interval comes from the URL; the refusal names it, escaped.
        var (status, json) = new Engine.Sim.Market.HistoricalCandles(7).Answer(Infy, "min\"ute", "2026-11-19 09:15:00", "2026-11-19 15:30:00", false);
        Assert.Equal(400, status);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("invalid interval: min\"ute", document.RootElement.GetProperty("message").GetString());
        Assert.Equal("InputException", document.RootElement.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task ADownloadAcrossKitesCapFillsTheCacheOnceHoweverOftenItRuns()
    {
        await using var simulator = await TestSimulator.StartAsync();
        using var client = Client(simulator);
        string cache = Directory.CreateTempSubdirectory("history-").FullName;
        try
        {
            // 1 June to 30 September 2026: 122 days, three pieces of at most 60, 88 weekdays.
            var first = await HistoryDownload.RunAsync(client, Infy, "minute", new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 30), cache);
            int weekdays = Enumerable.Range(0, 122).Select(d => new DateOnly(2026, 6, 1).AddDays(d)).Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.Equal((3, weekdays * 375, weekdays * 375), (first.Pieces, first.Candles, first.Added));
            Assert.Equal(0, first.RateLimited);
            var lines = File.ReadAllLines(first.File);
            Assert.Equal("date,open,high,low,close,volume", lines[0]);
            Assert.Equal(weekdays * 375, lines.Length - 1);
            Assert.StartsWith("2026-06-01 09:15,", lines[1], StringComparison.Ordinal);

            var again = await HistoryDownload.RunAsync(client, Infy, "minute", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 2), cache);
            int october = 2;   // Thursday 1 and Friday 2 October
            Assert.Equal((weekdays + october) * 375, again.Candles);
            Assert.Equal(october * 375, again.Added);
            var bars = Engine.Core.Indicators.QuotesCsv.Load(again.File);
            Assert.Equal(again.Candles, bars.Count);
        }
        finally
        {
            Directory.Delete(cache, true);
        }
    }

    [Fact]
    public void TheCommandFetchesFromTheSimulatorInSimMode()
    {
        using var config = new Running.TestEngineConfig();
        string cache = Path.Combine(config.Folder, "history");
        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "history", "--config", config.File, "--instrument", "NSE:INFY", "--interval", "15minute", "--from", "2026-11-16", "--until", "2026-11-20", "--cache", cache);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("history: NSE:INFY 15minute 2026-11-16..2026-11-20", stdout, StringComparison.Ordinal);
        Assert.Contains("125 new candles", stdout, StringComparison.Ordinal);   // 5 sessions of 25 quarter-hours
        Assert.Equal(126, File.ReadAllLines(Path.Combine(cache, "NSE-INFY-15minute.csv")).Length);
    }

    private static KiteRestClient Client(Engine.Sim.KiteSimulator simulator) =>
        new(new KiteRestOptions { BaseUrl = simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token" });
}
