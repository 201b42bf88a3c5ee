using System.Diagnostics;
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
/// them into a ring: the simulator at a high rate, every instrument in full mode.
/// </summary>
public static class SimulatorThroughput
{
    /// <summary>The measured figures.</summary>
    /// <param name="TicksPerSecond">Ticks the client decoded per second.</param>
    /// <param name="OfferedPerSecond">Ticks the market generated per second.</param>
    /// <param name="BytesPerSecond">Bytes received per second.</param>
    /// <param name="Instruments">Instruments subscribed.</param>
    /// <param name="DecodeErrors">Decode errors seen.</param>
    public sealed record Result(double TicksPerSecond, double OfferedPerSecond, double BytesPerSecond, int Instruments, long DecodeErrors);

    /// <summary>Runs the simulator at <paramref name="ratePerInstrument"/> for <paramref name="duration"/> and measures one client.</summary>
    public static async Task<Result> RunAsync(string instrumentsFile, double ratePerInstrument, TimeSpan duration, ILoggerFactory? loggers = null)
    {
        await using var simulator = await KiteSimulator.StartAsync(
            new SimulatorOptions { Port = 0, InstrumentsFile = instrumentsFile, TicksPerSecond = ratePerInstrument, MaxPacketsPerFrame = 1024 },
            loggers ?? NullLoggerFactory.Instance).ConfigureAwait(false);
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

        // Warm up until ticks flow, then measure a window.
        var warmup = Stopwatch.StartNew();
        while (counting.Ticks < 10_000 && warmup.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        long ticks0 = counting.Ticks, bytes0 = counters.Bytes, generated0 = simulator.Tape.Generated;
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        var result = new Result(
            (counting.Ticks - ticks0) / seconds,
            (simulator.Tape.Generated - generated0) / seconds,
            (counters.Bytes - bytes0) / seconds,
            simulator.Instruments.Count,
            counters.DecodeErrors);
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        return result;
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
