using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Sim;
using Engine.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Sim;

/// <summary>The ticker's supervision of its connections (shards) when one fails in a way nobody planned for.</summary>
public sealed class TickerSupervisorTests
{
    [Fact]
    public async Task AShardWhoseSinkThrowsIsLoggedAndRestartedWhileTheOtherShardKeepsStreaming()
    {
        await using var simulator = await TestSimulator.StartAsync(ticksPerSecond: 50);
        var sink = new ThrowingOnceSink(failingConnection: 0);
        var logger = new RecordingLogger();
        var ticker = new KiteTicker(
            new KiteTickerOptions
            {
                Url = simulator.WebSocketUrl,
                ApiKey = "sim_api_key",
                AccessToken = "sim_access_token",
                MaxInstrumentsPerConnection = 2,
                InitialBackoff = TimeSpan.FromMilliseconds(50),
                MaxBackoff = TimeSpan.FromMilliseconds(200),
            },
            sink,
            logger);
        ticker.Subscribe(simulator.Instruments.Take(4).Select(i => i.InstrumentToken), TickMode.Full);
        Assert.Equal(2, ticker.ConnectionCount);
        using var stop = new CancellationTokenSource();
        var run = ticker.RunAsync(stop.Token);

        Ring.Await.Until(() => sink.Thrown, TimeSpan.FromSeconds(30), () => "the failing shard to receive its first frame");
        long otherAtFault = sink.Frames(1);
        Ring.Await.Until(() => sink.FramesAfterFault(0) >= 5, TimeSpan.FromSeconds(30), () => $"the failed shard to stream again (it has {sink.FramesAfterFault(0)} frames since the fault)");
        Ring.Await.Until(() => sink.Frames(1) > otherAtFault + 5, TimeSpan.FromSeconds(30), () => "the other shard to keep streaming");

        Assert.Equal(1, ticker.Counters.ShardFaults);
        Assert.Contains(logger.Lines, l => l.Level >= LogLevel.Error && l.Error is InvalidOperationException && l.Text.Contains("connection 0", StringComparison.Ordinal));
        Assert.False(run.IsCompleted, "the ticker must keep running after a shard fault");
        await stop.CancelAsync();
        await run;
        await ticker.DisposeAsync();
    }

    private sealed class ThrowingOnceSink(int failingConnection) : ITickerSink
    {
        private readonly long[] _frames = new long[3];
        private readonly long[] _afterFault = new long[3];
        private int _thrown;

        public bool Thrown => Volatile.Read(ref _thrown) == 1;

        public long Frames(int connection) => Interlocked.Read(ref _frames[connection]);

        public long FramesAfterFault(int connection) => Interlocked.Read(ref _afterFault[connection]);

        public void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs)
        {
            Interlocked.Increment(ref _frames[connection]);
            if (Thrown)
            {
                Interlocked.Increment(ref _afterFault[connection]);
            }

            if (connection == failingConnection && Interlocked.CompareExchange(ref _thrown, 1, 0) == 0)
            {
                throw new InvalidOperationException("a sink that fails once");
            }
        }

        public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs)
        {
        }
    }
}
