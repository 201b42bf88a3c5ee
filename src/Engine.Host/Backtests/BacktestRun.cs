using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Market;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Host.Configuration;
using Engine.Host.Gateways;
using Engine.Host.Running;
using Engine.Journal.Writing;
using Engine.Kite.Ticks;
using Engine.Ring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Host.Backtests;

/// <summary>
/// <c>engine backtest</c>: historical bars through the very pipeline a live run uses. The bars
/// become Kite packets (<see cref="BarTicks"/>), decoded into the ring as the ticker's are, with
/// the session timers of each day; the strategies, the risk gate, the order tracker with its
/// charges and the router run unchanged; the paper broker fills under a <see cref="PaperFillModel"/>;
/// the journal records every input and decision, so <c>replay --verify</c> and <c>engine report</c>
/// work on it as on any run. One thread publishes every input, and waits after each until the
/// pipeline has handled it and the paper broker's answers to it are in the ring, so the journal is
/// a function of the data, the configuration and the fill model alone: byte for byte the same on
/// every run, its id and segment times derived from its inputs rather than the clock.
/// </summary>
public static class BacktestRun
{
    /// <summary>Runs the backtest; returns what it did.</summary>
    public static BacktestSummary Run(BacktestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notes = options.Progress;
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(options.ConfigFile, registry);
        var strategies = ParameterOverride.Apply(config.Strategies, options.Overrides, registry);
        var series = BacktestData.Load(options.Data, options.Instrument, config.Instruments, config.Calendar, options.From, options.Until, note => notes.WriteLine("backtest: " + note));
        var fills = options.Fills ?? config.Fills ?? PaperFillModel.BacktestDefault;

        var configured = RunDefinition.FromConfig(config with { Strategies = strategies }, MarketClock.Identity);
        var instruments = configured.Instruments.Concat(series.Select(s => s.Instrument).Where(i => configured.Instruments.All(c => c.InstrumentToken != i.InstrumentToken))).ToArray();
        var feed = new BacktestFeed(series, config.Calendar);
        string first = DayOf(series.Min(s => s.Bars[0].TimeNs));
        string last = DayOf(series.Max(s => s.Bars[^1].TimeNs));
        var run = configured with
        {
            Mode = EngineMode.Backtest,
            Strategies = strategies,
            Instruments = instruments,
            Fills = fills.ToString(),
            Data = string.Join("; ", series.Select(s => $"{s.Instrument.Key}: {Path.GetFileName(s.Source)} ({s.Bars.Count:N0} bars)")) + $"; {first} to {last}",
        };
        foreach (var spec in strategies)
        {
            var missing = spec.Universe.Where(t => series.All(s => s.Instrument.InstrumentToken != t)).ToArray();
            if (missing.Length > 0 && missing.Length < spec.Universe.Count)
            {
                notes.WriteLine($"backtest: no bars for {missing.Length} of {spec.Name}'s {spec.Universe.Count} instruments; it trades the others");
            }
            else if (missing.Length == spec.Universe.Count)
            {
                notes.WriteLine($"backtest: no bars for any of {spec.Name}'s instruments; it sees no ticks");
            }
        }

        // A parameter a strategy refuses stops the backtest before its journal exists.
        foreach (var spec in strategies)
        {
            registry.Create(spec.Strategy, spec.Version, spec.Parameters, spec.Name);
        }

        string folder = Path.GetFullPath(options.Journal);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"--journal: '{folder}' is not empty; a backtest writes a new journal (choose another folder, or delete this one)");
        }

        if (JournalFolderCheck.Problem(folder) is { } problem)
        {
            throw new IOException($"--journal: {problem}");
        }

        long now = feed.FirstTimeNs;
        var clock = Stopwatch.StartNew();
        var writer = JournalWriter.Open(
            new JournalWriterOptions
            {
                Folder = folder,
                Durability = DurabilityMode.None,
                SegmentBytes = config.Journal.SegmentBytes,
                NewJournalId = JournalIdOf(run, series),
                Clock = () => Volatile.Read(ref now),
            },
            NullLogger.Instance);
        long inputs = 0, intents = 0, orders = 0;
        try
        {
            SessionRecords.Write(writer, run, 0, now);
            var pipelineOptions = TradingPipelineOptions.SingleProducerFused("backtest: one producer that waits for each input, one logic thread");
            var broker = new PaperBroker(run.Instruments, NullLogger.Instance, new PaperBrokerOptions { Fills = fills, Delivery = PaperAnswerDelivery.Caller });
            using var composition = EngineComposition.Build(run, registry, pipelineOptions, broker, reasons => new RingJournaller(writer, reasons));
            var pipeline = composition.Pipeline;
            (string Stage, Exception Error)? fault = null;
            pipeline.Faulted += (stage, error) => fault = (stage, error);
            pipeline.Start();
            var door = new InputPublisher(pipeline.Ring, 0, options.StampStages);
            broker.Start(door);
            long ticks = 0;
            using var progress = new BacktestProgress(options.Progress, options.ProgressIsTerminal, feed.Ticks, () => (Volatile.Read(ref ticks), Volatile.Read(ref now), pipeline.Router.Routed));
            var tick = default(Tick);
            while (feed.TryNext(ref tick, out long at, out var timer))
            {
                Volatile.Write(ref now, at);
                if (timer != TimerKind.None)
                {
                    door.PublishTimer(timer, at, at);
                }
                else
                {
                    var claim = door.Claim(EventKind.Tick, at);
                    ref var slot = ref claim.Slot;
                    Span<byte> raw = slot.Raw;
                    int length = TickEncoder.EncodePacket(tick, raw);
                    slot.RawLength = length;
                    slot.FrameId = ticks;
                    TickDecoder.TryDecode(raw[..length], ref slot.Tick);
                    claim.Publish();
                    Volatile.Write(ref ticks, ticks + 1);
                }

                Settle(pipeline, broker, ref fault);
                if ((ticks & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            progress.Finish();
            pipeline.Shutdown(TimeSpan.FromMinutes(1));
            broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (fault is { } f)
            {
                throw new InvalidOperationException($"stage '{f.Stage}' failed during the backtest: {f.Error.Message}", f.Error);
            }

            inputs = door.NextInputSequence;
            intents = pipeline.Signals.Intents;
            orders = pipeline.Router.Routed;
        }
        finally
        {
            writer.Dispose();
        }

        return new BacktestSummary
        {
            Journal = folder,
            JournalId = writer.JournalId.ToString(),
            From = first,
            Until = last,
            Days = feed.Days,
            Instruments = series.Select(s => s.Instrument.Key).ToArray(),
            Bars = feed.Bars,
            Ticks = feed.Ticks,
            Inputs = inputs,
            Intents = intents,
            Orders = orders,
            Fills = fills.ToString(),
            Parameters = options.Overrides.Select(o => o.ToString()).ToArray(),
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    // Waits until the pipeline has handled everything published, then brings in the paper
    // broker's answers to it, until an input causes no more: the answers to an input always come
    // right after it, whatever the threads' timing.
    private static void Settle(TradingPipeline pipeline, PaperBroker broker, ref (string Stage, Exception Error)? fault)
    {
        var sequencer = pipeline.Ring.Sequencer;
        while (true)
        {
            long target = pipeline.Ring.Cursor;
            var spinner = default(SpinWait);
            while (sequencer.GetMinimumSequence() < target)
            {
                if (fault is { } f)
                {
                    throw new InvalidOperationException($"stage '{f.Stage}' failed during the backtest: {f.Error.Message}", f.Error);
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }

            if (broker.PublishAnswers() == 0)
            {
                return;
            }
        }
    }

    // The run's definition and every bar it reads: the same inputs name the same journal.
    private static Guid JournalIdOf(RunDefinition run, IReadOnlyList<BarSeries> series)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(RunDefinitionJson.Write(run));
        Span<byte> row = stackalloc byte[4 + 8 + (5 * 16)];
        foreach (var s in series)
        {
            foreach (var bar in s.Bars)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(row, s.Instrument.InstrumentToken);
                BinaryPrimitives.WriteInt64LittleEndian(row[4..], bar.TimeNs);
                int at = 12;
                foreach (decimal value in new[] { bar.Open, bar.High, bar.Low, bar.Close, bar.Volume })
                {
                    decimal.GetBits(value, MemoryMarshalInts(row.Slice(at, 16)));
                    at += 16;
                }

                hash.AppendData(row);
            }
        }

        return new Guid(hash.GetHashAndReset().AsSpan(0, 16));
    }

    private static Span<int> MemoryMarshalInts(Span<byte> bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes);

    private static string DayOf(long timeNs) => UnixTime.ToIst(timeNs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
