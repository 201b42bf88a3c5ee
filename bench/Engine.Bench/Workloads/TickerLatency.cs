using System.Diagnostics;
using System.Net.WebSockets;
using Engine.Kite.Ticker;
using Engine.Ring;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Bench.Workloads;

/// <summary>
/// Wire to hand: how long a tick frame takes from a loopback server's send to the code that reads
/// it, for the engine's ticker (its receive thread blocked in the kernel's recv, pinned where the
/// caller says) and, in alternating rounds of the same run, for a <see cref="ClientWebSocket"/>
/// receiving on the thread pool (the usual .NET client: the runtime's epoll thread hands each
/// wake-up to a pool thread), over the same server.
/// </summary>
public static class TickerLatency
{
    /// <summary>One client's figures over every round, in nanoseconds.</summary>
    /// <param name="Frames">Frames timed.</param>
    /// <param name="P50Ns">Median.</param>
    /// <param name="P99Ns">99th percentile.</param>
    /// <param name="P999Ns">99.9th percentile.</param>
    /// <param name="MaxNs">Slowest frame.</param>
    /// <param name="Lost">Frames sent that never reached the client's hands.</param>
    public sealed record Figures(long Frames, double P50Ns, double P99Ns, double P999Ns, double MaxNs, long Lost);

    /// <summary>Both clients' figures.</summary>
    /// <param name="Ticker">The engine's ticker.</param>
    /// <param name="ThreadPool">A ClientWebSocket receiving on the thread pool.</param>
    /// <param name="TickerCore">The core the ticker's receive thread was pinned to, if any.</param>
    /// <param name="ServerCore">The core the server's thread was pinned to, if any.</param>
    /// <param name="GapMicroseconds">The pause between frames.</param>
    public sealed record Result(Figures Ticker, Figures ThreadPool, int? TickerCore, int? ServerCore, int GapMicroseconds)
    {
        /// <summary>The ticker's median over the thread pool client's: below 1 is faster.</summary>
        public double P50Ratio => Ticker.P50Ns / ThreadPool.P50Ns;

        /// <summary>The ticker's p99 over the thread pool client's.</summary>
        public double P99Ratio => Ticker.P99Ns / ThreadPool.P99Ns;
    }

    private const long Highest = 10_000_000_000;

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds of each client, <paramref name="frames"/> frames a round,
    /// one every <paramref name="gapMicroseconds"/> or so. <paramref name="tickerCore"/> pins the
    /// ticker's receive thread; the server runs on another core where there is one.
    /// </summary>
    public static async Task<Result> RunAsync(int frames, int rounds, int gapMicroseconds, int? tickerCore, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 100);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        var allowed = CpuAffinity.AllowedCores;
        int? serverCore = CpuAffinity.IsSupported && allowed.Count > 1 ? allowed.First(c => c != (tickerCore ?? allowed[^1])) : null;
        using var server = new LoopbackTickServer(serverCore);
        var ticker = new Timed();
        var pool = new Timed();
        for (int round = 0; round < rounds; round++)
        {
            progress?.Invoke($"bench ticker: round {round + 1} of {rounds}: the engine's ticker, then a ClientWebSocket on the thread pool, {frames:N0} frames each");
            await TickerRoundAsync(server, ticker, frames, gapMicroseconds, tickerCore, cancellationToken).ConfigureAwait(false);
            await ThreadPoolRoundAsync(server, pool, frames, gapMicroseconds, cancellationToken).ConfigureAwait(false);
        }

        return new Result(ticker.Figures(), pool.Figures(), tickerCore, serverCore, gapMicroseconds);
    }

    private static async Task TickerRoundAsync(LoopbackTickServer server, Timed timed, int frames, int gapMicroseconds, int? core, CancellationToken cancellationToken)
    {
        var received = new long[frames];
        var serving = server.ServeOneAsync(frames, warmup: 1_000, gapMicroseconds, cancellationToken);
        var sink = new StampingSink(received);
        await using (var ticker = new KiteTicker(new KiteTickerOptions { Url = server.Url, ApiKey = "bench", AccessToken = "bench", ReceiveCore = core, SilenceTimeout = TimeSpan.FromSeconds(30) }, sink, NullLogger.Instance))
        {
            ticker.Subscribe([LoopbackTickServer.Token], Engine.Core.Market.TickMode.Ltp);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = ticker.RunAsync(stop.Token);
            var sent = await serving.ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
            timed.Add(sent, received);
        }
    }

    private static async Task ThreadPoolRoundAsync(LoopbackTickServer server, Timed timed, int frames, int gapMicroseconds, CancellationToken cancellationToken)
    {
        var received = new long[frames];
        var serving = server.ServeOneAsync(frames, warmup: 1_000, gapMicroseconds, cancellationToken);
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(server.Url, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = Task.Run(
            async () =>
            {
                var buffer = new byte[64];
                while (!stop.IsCancellationRequested)
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token).ConfigureAwait(false);
                    long now = Stopwatch.GetTimestamp();
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    int n = LoopbackTickServer.FrameNumber(buffer.AsSpan(0, result.Count));
                    if ((uint)n < (uint)received.Length)
                    {
                        received[n] = now;
                    }
                }
            },
            CancellationToken.None);
        var sent = await serving.ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await receiving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        timed.Add(sent, received);
    }

    // Each frame's time from send to hand, over every round of one client.
    private sealed class Timed
    {
        private readonly LongHistogram _histogram = new(1, Highest, 3);
        private long _lost;

        public void Add(long[] sent, long[] received)
        {
            for (int i = 0; i < sent.Length; i++)
            {
                if (received[i] == 0)
                {
                    _lost++;
                    continue;
                }

                long ns = (long)((received[i] - sent[i]) * (1e9 / Stopwatch.Frequency));
                _histogram.RecordValue(Math.Clamp(ns, 1, Highest));
            }
        }

        public Figures Figures() => new(
            _histogram.TotalCount,
            _histogram.GetValueAtPercentile(50),
            _histogram.GetValueAtPercentile(99),
            _histogram.GetValueAtPercentile(99.9),
            _histogram.GetMaxValue(),
            _lost);
    }

    private sealed class StampingSink(long[] received) : ITickerSink
    {
        public void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs)
        {
            long now = Stopwatch.GetTimestamp();
            int n = LoopbackTickServer.FrameNumber(frame);
            if ((uint)n < (uint)received.Length)
            {
                received[n] = now;
            }
        }

        public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs)
        {
        }
    }
}
