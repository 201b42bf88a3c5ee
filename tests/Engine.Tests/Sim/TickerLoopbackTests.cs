using Engine.Core.Market;
using Engine.Kite.Ticker;

namespace Engine.Tests.Sim;

/// <summary>The ticker client against the simulator over a real loopback WebSocket.</summary>
public sealed class TickerLoopbackTests
{
    [Fact]
    public async Task FiftyInstrumentsInFullModeDecodeToExactlyWhatTheSimulatorSent()
    {
        await using var f = await LoopbackFixture.StartAsync(new Engine.Sim.SimulatorOptions { TicksPerSecond = 40 });
        // 49 equities and the NIFTY 50 index: both full-mode packet layouts.
        var tokens = f.Simulator.Instruments.Take(50).Select(i => i.InstrumentToken).ToArray();
        Assert.Equal(50, tokens.Length);
        f.Ticker.Subscribe(tokens, TickMode.Full);
        f.Run();

        f.WaitFor(() => f.Collected.Ticks.Count >= 2000, "2000 ticks");
        var received = f.Collected.Ticks.ToArray();
        var sent = f.Simulator.SentTicks.Where(s => s.Connection == 1).Select(s => s.Tick).Take(received.Length).ToArray();

        Assert.Equal(received.Length, sent.Length);
        for (int i = 0; i < received.Length; i++)
        {
            Assert.True(sent[i] == received[i], $"tick {i}: sent {sent[i]} but decoded {received[i]}");
        }

        Assert.All(received, t => Assert.Equal(TickMode.Full, t.Mode));
        Assert.Equal(tokens.ToHashSet(), received.Select(t => t.InstrumentToken).ToHashSet());
        Assert.Contains(received, t => t.IsIndex && t.ExchangeTimestamp != 0);
        Assert.Equal(0, f.Ticker.Counters.DecodeErrors);
        Assert.True(f.Ticker.Counters.Packets >= received.Length);
    }

    [Fact]
    public async Task AfterADroppedConnectionTheClientReconnectsAndResumesEverySubscriptionWithItsMode()
    {
        await using var f = await LoopbackFixture.StartAsync(new Engine.Sim.SimulatorOptions { TicksPerSecond = 20 });
        var instruments = f.Simulator.Instruments;
        var full = instruments.Take(5).Select(i => i.InstrumentToken).ToArray();
        var ltp = instruments.Skip(5).Take(5).Select(i => i.InstrumentToken).ToArray();
        var index = instruments.Where(i => i.Segment == Engine.Core.Instruments.ExchangeSegment.Indices).Select(i => i.InstrumentToken).ToArray();
        f.Ticker.Subscribe(full, TickMode.Full);
        f.Ticker.Subscribe(ltp, TickMode.Ltp);
        f.Ticker.Subscribe(index, TickMode.Quote);
        f.Run();
        f.WaitFor(() => f.Collected.Ticks.Count > 100, "ticks before the drop");

        f.Simulator.Faults.DropConnections();
        f.WaitFor(() => f.Ticker.Counters.Reconnects >= 1 && f.Simulator.ConnectionsAccepted >= 2, "a reconnect");
        int before = f.Collected.Ticks.Count;
        f.WaitFor(() => f.Collected.Ticks.Count > before + 300, "ticks after the reconnect");

        var after = f.Collected.Ticks.Skip(before).ToArray();
        var modes = after.GroupBy(t => t.InstrumentToken).ToDictionary(g => g.Key, g => g.Select(t => t.Mode).Distinct().Single());
        foreach (uint token in full)
        {
            Assert.Equal(TickMode.Full, modes[token]);
        }

        foreach (uint token in ltp)
        {
            Assert.Equal(TickMode.Ltp, modes[token]);
        }

        foreach (uint token in index)
        {
            Assert.Equal(TickMode.Quote, modes[token]);
        }

        Assert.Equal(full.Length + ltp.Length + index.Length, modes.Count);
    }

    [Fact]
    public async Task UnsubscribedInstrumentsStopTickingAndModeChangesTakeEffect()
    {
        await using var f = await LoopbackFixture.StartAsync(new Engine.Sim.SimulatorOptions { TicksPerSecond = 50 });
        f.Ticker.Subscribe([408065u, 2953217u], TickMode.Ltp);
        f.Run();
        f.WaitFor(() => f.Collected.Ticks.Count(t => t.InstrumentToken == 2953217) > 20, "TCS ticks");

        f.Ticker.Unsubscribe([2953217u]);
        f.Ticker.Subscribe([408065u], TickMode.Full);
        f.WaitFor(() => f.Collected.Ticks.Count(t => t.InstrumentToken == 408065 && t.Mode == TickMode.Full) > 20, "INFY in full mode");
        int mark = f.Collected.Ticks.Count;
        f.WaitFor(() => f.Collected.Ticks.Count > mark + 100, "more ticks");

        var later = f.Collected.Ticks.Skip(mark).ToArray();
        Assert.DoesNotContain(later, t => t.InstrumentToken == 2953217);
        Assert.All(later, t => Assert.Equal(TickMode.Full, t.Mode));
        Assert.Equal([408065u], f.Ticker.Subscriptions.Keys);
    }

    [Fact]
    public async Task AMalformedFrameIsCountedItsCompletePacketsKeptAndTheStreamContinues()
    {
        await using var f = await LoopbackFixture.StartAsync();
        f.Ticker.Subscribe(f.Simulator.Instruments.Take(10).Select(i => i.InstrumentToken), TickMode.Quote);
        f.Run();
        f.WaitFor(() => f.Collected.Ticks.Count > 20, "ticks before the fault");

        f.Simulator.Faults.SendMalformedFrame();
        f.WaitFor(() => f.Ticker.Counters.DamagedFrames == 1, "the damaged frame to be counted");
        int after = f.Collected.Ticks.Count;
        f.WaitFor(() => f.Collected.Ticks.Count > after + 50, "ticks after the damaged frame");

        // The damaged frame carried one whole LTP packet before the cut: it was kept.
        Assert.Contains(f.Collected.Ticks, t => t.InstrumentToken == 884737 && t.Mode == TickMode.Ltp && t.LastPrice == 39295);
        Assert.Equal(0, f.Ticker.Counters.Reconnects);
    }

    [Fact]
    public async Task AWrongAccessTokenEndsWithAClearErrorInsteadOfRetrying()
    {
        await using var f = await LoopbackFixture.StartAsync(null, sim => new KiteTickerOptions
        {
            Url = sim.WebSocketUrl,
            ApiKey = "sim_api_key",
            AccessToken = "expired-token",
            InitialBackoff = TimeSpan.FromMilliseconds(10),
        });
        f.Ticker.Subscribe([408065u], TickMode.Ltp);
        var run = f.Ticker.RunAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<TickerRejectedException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(403, error.HttpStatus);
        Assert.Contains("api_key or access_token is wrong or expired", error.Message);
        Assert.Contains("Not retrying", error.Message);
        Assert.Equal(1, f.Simulator.HandshakesRejected);
    }

    [Fact]
    public async Task ARefusedReconnectAfterADropAlsoStopsTheTicker()
    {
        await using var f = await LoopbackFixture.StartAsync();
        f.Ticker.Subscribe([408065u], TickMode.Ltp);
        f.Run();
        f.WaitFor(() => f.Collected.Ticks.Count > 5, "ticks");
        f.Simulator.Faults.RejectNextHandshakes();
        f.Simulator.Faults.DropConnections();
        var error = await Assert.ThrowsAsync<TickerRejectedException>(() => f.Running!.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(403, error.HttpStatus);
    }

    [Fact]
    public async Task SilenceLongerThanTheTimeoutMeansReconnect()
    {
        await using var f = await LoopbackFixture.StartAsync();
        f.Ticker.Subscribe([408065u], TickMode.Ltp);
        f.Run();
        f.WaitFor(() => f.Collected.Ticks.Count > 5, "ticks");
        f.Simulator.Faults.GoSilent(TimeSpan.FromSeconds(4));
        f.WaitFor(() => f.Ticker.Counters.Reconnects >= 1, "a reconnect after silence");
        int before = f.Collected.Ticks.Count;
        f.WaitFor(() => f.Collected.Ticks.Count > before + 5, "ticks after silence");
    }

    [Fact]
    public async Task HeartbeatsKeepAQuietConnectionAlive()
    {
        // One tick per instrument every 50 s: the connection is quiet but for heartbeats, which
        // must keep it alive past the 2 s silence timeout.
        await using var f = await LoopbackFixture.StartAsync(new Engine.Sim.SimulatorOptions { TicksPerSecond = 0.02, HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        f.Ticker.Subscribe([408065u], TickMode.Ltp);
        f.Run();
        f.WaitFor(() => f.Ticker.Counters.Heartbeats >= 25, "heartbeats", 20);
        Assert.Equal(0, f.Ticker.Counters.Reconnects);
        Assert.True(f.Ticker.Counters.Packets <= 1);
    }

    [Fact]
    public async Task UnknownTokensGetAnErrorTextFrameThatIsCountedAndKept()
    {
        await using var f = await LoopbackFixture.StartAsync();
        f.Ticker.Subscribe([12345u], TickMode.Full);
        f.Run();
        // One error answers the subscribe message, one the mode message.
        f.WaitFor(() => f.Collected.Texts.Count == 2, "the error frames");
        Assert.Equal(2, f.Ticker.Counters.ErrorMessages);
        Assert.All(f.Collected.Texts, t =>
        {
            Assert.Equal(Engine.Core.Events.EventKind.BrokerText, t.Kind);
            Assert.Contains("\"type\":\"error\"", t.Text);
            Assert.Contains("12345", t.Text);
        });
    }

    [Fact]
    public void SubscribingBeyondKitesLimitsIsRefusedUpFront()
    {
        var ticker = new KiteTicker(
            new KiteTickerOptions { ApiKey = "k", AccessToken = "t", MaxConnections = 3, MaxInstrumentsPerConnection = 3000 },
            new NullSink(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        ticker.Subscribe(Enumerable.Range(1, 7000).Select(i => (uint)i), TickMode.Ltp);
        Assert.Equal(3, ticker.ConnectionCount);
        var error = Assert.Throws<InvalidOperationException>(() => ticker.Subscribe(Enumerable.Range(10_000, 2001).Select(i => (uint)i), TickMode.Ltp));
        Assert.Contains("3 connections x 3000 instruments", error.Message);
        ticker.Subscribe(Enumerable.Range(1, 10).Select(i => (uint)i), TickMode.Full);   // a mode change needs no room
        Assert.Equal(TickMode.Full, ticker.Subscriptions[5]);
        Assert.Equal(7000, ticker.Subscriptions.Count);
    }

    private sealed class NullSink : ITickerSink
    {
        public void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs)
        {
        }

        public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs)
        {
        }
    }
}
