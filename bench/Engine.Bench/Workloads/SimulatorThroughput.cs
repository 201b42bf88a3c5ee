using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using Engine.Core.Inputs;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Ring;
using Engine.Sim;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Bench.Workloads;

/// <summary>
/// How many ticks per second the simulator delivers over loopback to one client that decodes
/// them into a ring: the simulator at a high rate, every instrument in full mode. The baseline,
/// measured in the same run against the same simulator in alternating windows, is a bare
/// <see cref="ClientWebSocket"/> that only counts each frame's packets: what the transport alone
/// delivers, so the ratio says what the engine's ticker, decoder and ring cost on top of it.
/// </summary>
public static class SimulatorThroughput
{
    /// <summary>The measured figures (the best window of each client).</summary>
    /// <param name="TicksPerSecond">Ticks the engine's client decoded into the ring per second.</param>
    /// <param name="OfferedPerSecond">Ticks the market generated per second.</param>
    /// <param name="BytesPerSecond">Bytes the engine's client received per second.</param>
    /// <param name="Instruments">Instruments subscribed.</param>
    /// <param name="DecodeErrors">Decode errors seen.</param>
    /// <param name="PlainTicksPerSecond">Ticks per second the bare WebSocket client received (packets counted, not decoded).</param>
    /// <param name="PlainBytesPerSecond">Bytes per second the bare client received.</param>
    public sealed record Result(double TicksPerSecond, double OfferedPerSecond, double BytesPerSecond, int Instruments, long DecodeErrors, double PlainTicksPerSecond, double PlainBytesPerSecond)
    {
        /// <summary>The engine's client over the bare one: 1 is the transport's own rate.</summary>
        public double RatioToPlainWebSocket => PlainTicksPerSecond <= 0 ? 0 : TicksPerSecond / PlainTicksPerSecond;
    }

    /// <summary>Runs the simulator at <paramref name="ratePerInstrument"/> and measures each client over <paramref name="duration"/>, <paramref name="rounds"/> times in turn.</summary>
    public static async Task<Result> RunAsync(string instrumentsFile, double ratePerInstrument, TimeSpan duration, ILoggerFactory? loggers = null, int rounds = 2)
    {
        await using var simulator = await KiteSimulator.StartAsync(
            new SimulatorOptions { Port = 0, InstrumentsFile = instrumentsFile, TicksPerSecond = ratePerInstrument, MaxPacketsPerFrame = 1024 },
            loggers ?? NullLoggerFactory.Instance).ConfigureAwait(false);
        Window? engine = null, plain = null;
        for (int round = 0; round < Math.Max(1, rounds); round++)
        {
            var e = await EngineClientAsync(simulator, duration).ConfigureAwait(false);
            engine = engine is null || e.Ticks > engine.Ticks ? e : engine;
            var p = await PlainClientAsync(simulator, duration).ConfigureAwait(false);
            plain = plain is null || p.Ticks > plain.Ticks ? p : plain;
        }

        return new Result(engine!.Ticks, engine.Offered, engine.Bytes, simulator.Instruments.Count, engine.DecodeErrors, plain!.Ticks, plain.Bytes);
    }

    // Per second over one measured window.
    private sealed record Window(double Ticks, double Offered, double Bytes, long DecodeErrors);

    private static async Task<Window> EngineClientAsync(KiteSimulator simulator, TimeSpan duration)
    {
        var ring = new RingBuffer<RingEvent>(1 << 16, new YieldingWaitStrategy(), ProducerType.Multi);
        var counting = new CountingHandler();
        using var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(counting);
        pipeline.Start();
        var counters = new TickerCounters();
        await using var ticker = new KiteTicker(
            new KiteTickerOptions { Url = simulator.WebSocketUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token" },
            new RingTickerSink(new InputPublisher(ring), counters, NullLogger.Instance), NullLogger.Instance, counters);
        ticker.Subscribe(simulator.Instruments.Select(i => i.InstrumentToken), TickMode.Full);
        using var stop = new CancellationTokenSource();
        var run = ticker.RunAsync(stop.Token);

        var result = await MeasureAsync(simulator, duration, () => counting.Ticks, () => counters.Bytes).ConfigureAwait(false);
        result = result with { DecodeErrors = counters.DecodeErrors };
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return result;
    }

    private static async Task<Window> PlainClientAsync(KiteSimulator simulator, TimeSpan duration)
    {
        using var socket = new ClientWebSocket();
        using var stop = new CancellationTokenSource();
        var uri = new UriBuilder(simulator.WebSocketUrl) { Query = "api_key=sim_api_key&access_token=sim_access_token" }.Uri;
        await socket.ConnectAsync(uri, stop.Token).ConfigureAwait(false);
        var tokens = simulator.Instruments.Select(i => i.InstrumentToken).ToArray();
        await socket.SendAsync(TickerMessages.Utf8(TickerMessages.Subscribe(tokens)), WebSocketMessageType.Text, true, stop.Token).ConfigureAwait(false);
        await socket.SendAsync(TickerMessages.Utf8(TickerMessages.Mode(TickMode.Full, tokens)), WebSocketMessageType.Text, true, stop.Token).ConfigureAwait(false);

        long ticks = 0, bytes = 0;
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[1 << 20];
            bool messageStart = true;
            while (!stop.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                Interlocked.Add(ref bytes, received.Count);

                // Kite's binary frame starts with its packet count (a 1-byte frame is a heartbeat).
                if (messageStart && received.MessageType == WebSocketMessageType.Binary && received.Count >= 2)
                {
                    Interlocked.Add(ref ticks, BinaryPrimitives.ReadInt16BigEndian(buffer));
                }

                messageStart = received.EndOfMessage;
            }
        });

        var result = await MeasureAsync(simulator, duration, () => Interlocked.Read(ref ticks), () => Interlocked.Read(ref bytes)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await receiving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        return result;
    }

    // Warm up until ticks flow, then measure one window of a client's counts.
    private static async Task<Window> MeasureAsync(KiteSimulator simulator, TimeSpan duration, Func<long> ticks, Func<long> bytes)
    {
        var warmup = Stopwatch.StartNew();
        while (ticks() < 10_000 && warmup.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        long ticks0 = ticks(), bytes0 = bytes(), generated0 = simulator.Tape.Generated;
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        return new Window((ticks() - ticks0) / seconds, (simulator.Tape.Generated - generated0) / seconds, (bytes() - bytes0) / seconds, 0);
    }

    private sealed class CountingHandler : IEventHandler<RingEvent>
    {
        private long _ticks;

        public long Ticks => Volatile.Read(ref _ticks);

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            if (data.Kind == EventKind.Tick)
            {
                Volatile.Write(ref _ticks, _ticks + 1);
            }
        }
    }
}
