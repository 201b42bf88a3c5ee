using System.Collections.Concurrent;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Ring;
using Engine.Sim;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Sim;

/// <summary>
/// Each ticker connection reads, decodes and publishes its frames on a thread of its own,
/// <c>ticker-N</c>, pinned where <see cref="KiteTickerOptions.ReceiveCore"/> says, and that thread
/// ends with its connection.
/// </summary>
public sealed class TickerReceiveThreadTests
{
    [Fact]
    public async Task EveryFrameArrivesOnTheConnectionsOwnThreadOnTheConfiguredCore()
    {
        int core = CpuAffinity.AllowedCores[^1];
        var market = new SimulatorOptions
        {
            Port = 0,
            TicksPerSecond = 50,
            InstrumentsFile = Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"),
            StartTime = TestSimulator.Start,
        };
        await using var simulator = await KiteSimulator.StartAsync(market, NullLoggerFactory.Instance);
        var sink = new ThreadRecordingSink();
        await using var ticker = new KiteTicker(new KiteTickerOptions
        {
            Url = simulator.WebSocketUrl,
            ApiKey = market.ApiKey,
            AccessToken = market.AccessToken,
            ReceiveCore = CpuAffinity.IsSupported ? core : null,
        }, sink, NullLogger.Instance);
        ticker.Subscribe(simulator.Instruments.Take(5).Select(i => i.InstrumentToken), TickMode.Full);
        using var stop = new CancellationTokenSource();
        var running = ticker.RunAsync(stop.Token);

        Ring.Await.Until(() => sink.BinaryFrames >= 20, TimeSpan.FromSeconds(30), () => "20 tick frames");
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(sink.ThreadNames, name => Assert.Equal("ticker-0", name));
        Assert.DoesNotContain(sink.ThreadIds, id => id == Environment.CurrentManagedThreadId);
        if (CpuAffinity.IsSupported)
        {
            Assert.Equal([core], sink.Cores.Distinct().ToArray());
        }

        // The connection is over, and so is its thread: it ends rather than lingering blocked.
        Ring.Await.Until(() => !TickerThreadAlive(), TimeSpan.FromSeconds(10), () => "the ticker-0 thread to end");
    }

    private static bool TickerThreadAlive()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string comm = File.ReadAllText(Path.Combine(task, "comm")).Trim();
            if (comm == "ticker-0")
            {
                return true;
            }
        }

        return false;
    }

    private sealed class ThreadRecordingSink : ITickerSink
    {
        private int _binaryFrames;

        public ConcurrentQueue<string?> ThreadNames { get; } = new();

        public ConcurrentQueue<int> ThreadIds { get; } = new();

        public ConcurrentQueue<int> Cores { get; } = new();

        public int BinaryFrames => Volatile.Read(ref _binaryFrames);

        public void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs)
        {
            Record();
            Interlocked.Increment(ref _binaryFrames);
        }

        public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs) => Record();

        private void Record()
        {
            ThreadNames.Enqueue(Thread.CurrentThread.Name);
            ThreadIds.Enqueue(Environment.CurrentManagedThreadId);
            Cores.Enqueue(CpuAffinity.CurrentCore);
        }
    }
}
