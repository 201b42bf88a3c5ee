using System.Text.RegularExpressions;
using Engine.Core.Inputs;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Ring;
using Engine.Tests.Kite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Cli;

/// <summary>The <c>engine sim</c>, <c>engine ticks</c> and <c>engine kite decode</c> commands, run as processes.</summary>
public sealed partial class SimAndTicksCommandTests
{
    [GeneratedRegex(@"^listening ws=(ws://127\.0\.0\.1:(\d+)/) rest=(http://127\.0\.0\.1:\d+/)$")]
    private static partial Regex ListeningLine();

    [Fact]
    public async Task SimPrintsWhereItListensFirstAndServesTicksThere()
    {
        using var sim = EngineProcess.Start("sim", "--port", "0", "--rate", "50", "--duration", "60");
        string line = sim.WaitForFirstLine(TimeSpan.FromSeconds(60));
        var match = ListeningLine().Match(line);
        Assert.True(match.Success, $"first line was '{line}'");

        var ring = new RingBuffer<RingEvent>(1024, new YieldingWaitStrategy(), ProducerType.Multi);
        var collected = new CollectingHandler();
        using var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(collected);
        pipeline.Start();
        var counters = new TickerCounters();
        await using var ticker = new KiteTicker(
            new KiteTickerOptions { Url = new Uri(match.Groups[1].Value), ApiKey = "sim_api_key", AccessToken = "sim_access_token" },
            new RingTickerSink(new InputPublisher(ring), counters, NullLogger.Instance), NullLogger.Instance, counters);
        ticker.Subscribe([408065u], TickMode.Full);
        using var stop = new CancellationTokenSource();
        var run = ticker.RunAsync(stop.Token);
        Engine.Tests.Ring.Await.Until(() => collected.Ticks.Count >= 20, TimeSpan.FromSeconds(30), () => "ticks from the sim process");
        await stop.CancelAsync();
        await run;
        Assert.All(collected.Ticks, t => Assert.Equal(408065u, t.InstrumentToken));

        using var http = new HttpClient();
        using (var bare = await http.GetAsync(new Uri(match.Groups[3].Value + "instruments")))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bare.StatusCode);   // Kite's headers, as on every call
        }

        http.DefaultRequestHeaders.Add("X-Kite-Version", "3");
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", "sim_api_key:sim_access_token");
        string csv = await http.GetStringAsync(new Uri(match.Groups[3].Value + "instruments"));
        Assert.StartsWith(Engine.Kite.Instruments.KiteInstrumentsCsv.Header, csv);

        sim.Signal(15);
        Assert.True(sim.WaitForExit(TimeSpan.FromSeconds(20)), "sim did not stop on SIGTERM");
        Assert.Equal(0, sim.ExitCode);
        Assert.Contains("sim: stopping", sim.Stderr);
    }

    [Fact]
    public void TicksAgainstTheSimShowsLiveTicksAndAWrongTokenIsAClearError()
    {
        using var sim = EngineProcess.Start("sim", "--port", "0", "--rate", "20", "--duration", "60");
        var url = ListeningLine().Match(sim.WaitForFirstLine(TimeSpan.FromSeconds(60))).Groups[1].Value;

        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "ticks", "--url", url, "--tokens", "INFY,TCS", "--json", "--duration", "3");
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 20, $"only {lines.Length} lines; stderr: {stderr}");
        // Kite streams a new subscription in quote mode until the mode message that follows it is
        // handled, so a tick cycle between the two may arrive as quote; from the first full tick on, all are full.
        var full = lines.SkipWhile(l => l.StartsWith("{\"mode\":\"quote\"", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length - full.Length <= 4, $"{lines.Length - full.Length} quote ticks before the first full one");
        Assert.All(full, l => Assert.Matches("^\\{\"mode\":\"full\",\"tradable\":true,\"instrument_token\":(408065|2953217),\"last_price\":", l));
        Assert.Contains(" 0 decode errors", stderr);

        using var wrong = EngineProcess.Start(new Dictionary<string, string> { ["KITE_ACCESS_TOKEN"] = "stale" }, "ticks", "--url", url, "--tokens", "INFY", "--duration", "30");
        Assert.True(wrong.WaitForExit(TimeSpan.FromSeconds(30)), "ticks kept retrying a refused token");
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("HTTP 403", wrong.Stderr);
        Assert.DoesNotContain("stale", wrong.Stderr);
    }

    [Fact]
    public void KiteDecodePrintsKitesFieldsAndFlagsDamage()
    {
        var (exit, stdout, _) = EngineProcess.Run(TimeSpan.FromSeconds(60), "kite", "decode", TestData.PathOf("kite/ticker_full.packet"));
        Assert.Equal(0, exit);
        Assert.StartsWith("{\"mode\":\"full\",\"tradable\":true,\"instrument_token\":408065,\"last_price\":1573.7,\"last_quantity\":7,", stdout);
        Assert.Contains("\"depth\":{\"buy\":[{\"price\":1573.4,\"quantity\":5,\"orders\":1}", stdout);

        string damaged = Path.Combine(Path.GetTempPath(), $"damaged-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(damaged, TestData.Bytes("kite/websocket_ticks.bin")[..300]);
        try
        {
            var (code, output, errors) = EngineProcess.Run(TimeSpan.FromSeconds(60), "kite", "decode", damaged);
            Assert.Equal(1, code);
            Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("frame declares 2 packets but packet 2 at byte 188", errors);
        }
        finally
        {
            File.Delete(damaged);
        }
    }
}
