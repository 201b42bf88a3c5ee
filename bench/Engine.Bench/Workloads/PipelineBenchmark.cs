using System.Diagnostics;
using Engine.Core.Inputs;
using Engine.Host.Configuration;
using Engine.Host.Running;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Core.Pipeline;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Journal.Writing;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using Engine.Sim.Market;
using HdrHistogram;

namespace Engine.Bench.Workloads;

/// <summary>
/// <c>engine bench pipeline</c>: generates a journal of simulated full-mode ticks for the
/// configuration's instruments (recorded at a steady rate, with the run's session records), then
/// replays it through the whole pipeline as the engine would (decode, bars and indicators, every
/// configured strategy, the risk gate, the router to a null gateway; journaller off): once as fast
/// as possible for throughput and allocation, once paced at the recorded rate for the
/// tick-to-decision latency of every tick.
/// </summary>
public sealed class PipelineBenchmark(PipelineBenchmarkOptions options, Action<string> progress)
{
    /// <summary>Runs the benchmark.</summary>
    public PipelineBenchmarkResult Run()
    {
        var total = Stopwatch.StartNew();
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(options.ConfigFile, registry);
        string folder = options.Folder ?? Path.Combine(Path.GetTempPath(), $"engine-bench-pipeline-{Environment.ProcessId}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        try
        {
            var generate = Stopwatch.StartNew();
            var run = Generate(config, folder, options.Ticks, options.PacedRate, options.Sealed, progress);
            var instruments = run.Instruments;
            double generateSeconds = generate.Elapsed.TotalSeconds;
            long journalBytes = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
            progress($"pipeline: generated {options.Ticks:N0} ticks over {instruments.Count} instruments in {generateSeconds:F1} s ({journalBytes / 1e6:F0} MB{(options.Sealed ? ", sealed" : ", not sealed")})");

            var reader = JournalReader.Open(folder);
            var placement = PipelinePlacement.Fused;
            var wait = options.WaitStrategy is { } chosen
                ? WaitStrategyChoice.Configured(chosen)
                : WaitStrategyChoice.ForMachine(Environment.ProcessorCount, TradingPipeline.ThreadNames(placement).Count, 1);
            var pipelineOptions = new TradingPipelineOptions
            {
                RingSize = config.Pipeline.RingSize,
                ProducerType = ProducerType.Single,
                WaitStrategy = WaitStrategies.Create(wait.Kind),
                WaitStrategyReason = wait.Reason,
                Placement = placement,
                Cores = new Dictionary<string, int>(),
            };

            // Warm-up: the JIT compiles (and tiers up) the whole path before anything is measured.
            Replay(run, registry, pipelineOptions, reader, 0, Math.Min(options.Ticks, 1_000_000), null);

            // Risk with the configured rule set against the first rules only, in alternating rounds
            // of the same run, so the ratio is measured on one machine in one state.
            var off = run with { Risk = FirstRulesOnly(run.Risk) };
            ReplayRunResult? fast = null;
            ReplayRunResult? fastOff = null;
            ReplayRunResult? fastStamped = null;
            ReplayRunResult? fastOneCore = null;
            int? oneCore = CpuAffinity.AllowedCores is { Count: > 1 } allowed ? allowed[0] : null;
            (long Ticks, double Seconds, long Intents, long Orders)? channels = null;
            for (int round = 0; round < 2; round++)
            {
                progress($"pipeline: full-speed replay over System.Threading.Channels, the same stages (round {round + 1} of 2)...");
                var overChannels = ChannelPipelineBaseline.Run(run, registry, reader, config.Pipeline.RingSize, 0, long.MaxValue, null);
                channels = channels is null || overChannels.Seconds < channels.Value.Seconds ? overChannels : channels;
                progress($"pipeline: full-speed replay, every rule on (round {round + 1} of 2)...");
                var mark = new AllocationMark(options.Ticks / 2);
                var on = Replay(run, registry, pipelineOptions, reader, 0, long.MaxValue, mark);
                fast = fast is null || on.Seconds < fast.Seconds ? on : fast;
                progress($"pipeline: full-speed replay, only the first rules (round {round + 1} of 2)...");
                var first = Replay(off, registry, pipelineOptions, reader, 0, long.MaxValue, null);
                fastOff = fastOff is null || first.Seconds < fastOff.Seconds ? first : fastOff;
                progress($"pipeline: full-speed replay, every rule on, each input's stages stamped (round {round + 1} of 2)...");
                var stamped = Replay(run, registry, pipelineOptions, reader, 0, long.MaxValue, null, stampStages: true);
                fastStamped = fastStamped is null || stamped.Seconds < fastStamped.Seconds ? stamped : fastStamped;
                if (oneCore is { } core)
                {
                    progress($"pipeline: full-speed replay, producer and logic thread on core {core} (round {round + 1} of 2)...");
                    var single = OnOneCore(run, registry, pipelineOptions, reader, core);
                    fastOneCore = single is null || (fastOneCore is not null && fastOneCore.Seconds <= single.Seconds) ? fastOneCore : single;
                }
            }

            long allocated = fast!.Allocated;
            progress($"pipeline: {fast.Ticks:N0} ticks in {fast.Seconds:F2} s = {fast.Ticks / fast.Seconds / 1e6:F2} M ticks/s with every rule ({fastOff!.Ticks / fastOff.Seconds / 1e6:F2} M with the first rules only); {fast.Intents} intents, {fast.Orders} orders; {allocated:N0} bytes allocated");

            long pacedTicks = (long)(options.PacedRate * options.PacedDuration.TotalSeconds);
            int busyThreads = TradingPipeline.ThreadNames(placement).Count + 1;
            progress($"pipeline: the machine's own floor: {busyThreads} threads spin on the clock for {options.PacedDuration.TotalSeconds:F0} s, each stall longer than {HiccupFloor.DefaultResolutionNs:N0} ns noted...");
            var floorActivity = MachineActivity.Begin();
            var floor = HiccupFloor.Measure(busyThreads, options.PacedRate, options.PacedDuration);
            var floorMachine = floorActivity?.End();
            progress($"pipeline: floor at {options.PacedRate:N0} ticks/s: p99 {floor.P99Ns:N0} ns, p99.9 {floor.P999Ns:N0} ns, max {floor.MaxNs:N0} ns; some core stalled {floor.StalledFraction:P2} of the time ({floor.Stalls:N0} stalls)");
            progress($"pipeline: paced replay at {options.PacedRate:N0} ticks/s for {options.PacedDuration.TotalSeconds:F0} s (tick-to-decision latency of every tick)...");
            var probe = new LatencyProbe(1);
            var paced = Replay(run, registry, pipelineOptions, reader, 1, pacedTicks, probe);
            LatencyProbe? oneCoreProbe = null;
            if (oneCore is { } pacedCore)
            {
                progress($"pipeline: paced replay at {options.PacedRate:N0} ticks/s for {options.PacedDuration.TotalSeconds:F0} s with producer and logic thread on core {pacedCore}, the other cores left to the machine...");
                var pinnedProbe = new LatencyProbe(1);
                oneCoreProbe = PacedOnOneCore(run, registry, pipelineOptions, reader, pacedCore, pacedTicks, pinnedProbe) is null ? null : pinnedProbe;
            }

            progress($"pipeline: paced replay over channels at {options.PacedRate:N0} ticks/s for {options.PacedDuration.TotalSeconds:F0} s...");
            var channelProbe = new LatencyProbe(1);
            ChannelPipelineBaseline.Run(run, registry, reader, config.Pipeline.RingSize, 1, pacedTicks, channelProbe);
            if (options.HistogramFile is { } histogramFile)
            {
                using var file = new StreamWriter(histogramFile);
                probe.Corrected.OutputPercentileDistribution(file, outputValueUnitScalingRatio: 1000);
            }

            double steadyPerTick = fast.SteadyBytes < 0 ? double.NaN : (double)fast.SteadyBytes / Math.Max(1, fast.SteadyTicks);
            var raw = probe.Raw;
            var corrected = probe.Corrected;
            return new PipelineBenchmarkResult
            {
                P90Ns = LatencyProbe.At(raw, 90),
                ChannelsTicksPerSecond = channels!.Value.Ticks / Math.Max(1e-9, channels.Value.Seconds),
                ChannelsP50Ns = LatencyProbe.At(channelProbe.Raw, 50),
                ChannelsP99Ns = LatencyProbe.At(channelProbe.Raw, 99),
                ChannelsCorrectedP99Ns = LatencyProbe.At(channelProbe.Corrected, 99),
                CorrectedP50Ns = LatencyProbe.At(corrected, 50),
                CorrectedP90Ns = LatencyProbe.At(corrected, 90),
                CorrectedP99Ns = LatencyProbe.At(corrected, 99),
                CorrectedP999Ns = LatencyProbe.At(corrected, 99.9),
                CorrectedMaxNs = LatencyProbe.Max(corrected),
                CorrectedMaxDueNs = probe.WorstDueNs,
                CorrectedMaxTick = probe.WorstTick,
                OneCorePacedCorrectedP50Ns = oneCoreProbe is null ? 0 : LatencyProbe.At(oneCoreProbe.Corrected, 50),
                OneCorePacedCorrectedP99Ns = oneCoreProbe is null ? 0 : LatencyProbe.At(oneCoreProbe.Corrected, 99),
                OneCorePacedCorrectedP999Ns = oneCoreProbe is null ? 0 : LatencyProbe.At(oneCoreProbe.Corrected, 99.9),
                OneCorePacedCorrectedMaxNs = oneCoreProbe is null ? 0 : LatencyProbe.Max(oneCoreProbe.Corrected),
                Floor = floor,
                SteadyStateBytesPerTick = steadyPerTick,
                SteadyStateBytes = fast.SteadyBytes,
                SteadyStateSegmentsOpened = fast.SteadySegments,
                StartupBytes = double.IsNaN(steadyPerTick) ? -1 : Math.Max(0, (long)(allocated - (steadyPerTick * fast.Ticks))),
                SteadyStateBytesByThread = fast.ThreadBytes,
                PageFaultsByThread = fast.ThreadFaults,
                PacedPageFaultsByThread = paced.ThreadFaults,
                PacedPreemptionsByThread = paced.ThreadPreemptions,
                PacedRunDelayMsByThread = paced.ThreadRunDelayMs,
                PacedMachine = paced.Machine,
                FloorMachine = floorMachine,
                Collections = fast.Collections,
                PacedCollections = paced.Collections,
                ProducerBusyFraction = fast.ProducerBusy,
                LogicBusyFraction = fast.LogicBusy,
                OtherThreadsBusyFraction = fast.OtherBusy,
                ProducerFullRingFraction = fast.FullRingFraction,
                Bottleneck = fastOneCore is not null && fastOneCore.Seconds < fast.Seconds
                    ? "hand-off between the cores (both threads on one core ran faster: each slot's cache lines cost more to move between the cores than the parallel work saves)"
                    : fast.FullRingFraction >= 0.02 ? "logic (signals, risk, orders, router on one thread)" : "producer (journal read and decode)",
                Ticks = fast.Ticks,
                TicksPerSecond = fast.Ticks / fast.Seconds,
                TicksPerSecondFirstRulesOnly = fastOff.Ticks / fastOff.Seconds,
                TicksPerSecondStamped = fastStamped!.Ticks / fastStamped.Seconds,
                OneCoreTicksPerSecond = fastOneCore is null ? 0 : fastOneCore.Ticks / fastOneCore.Seconds,
                OneCoreRingSize = fastOneCore is null ? 0 : TradingPipelineOptions.OneCoreRingSize,
                P50Ns = LatencyProbe.At(raw, 50),
                P99Ns = LatencyProbe.At(raw, 99),
                P999Ns = LatencyProbe.At(raw, 99.9),
                MaxNs = LatencyProbe.Max(raw),
                AllocatedBytesPerTick = (double)allocated / Math.Max(1, fast.Ticks),
                Placement = $"{placement.ToString().ToLowerInvariant()}: producer (journal replay) + {paced.Placement}",
                WaitStrategy = wait.Reason,
                PacedRate = paced.InputsPaced / Math.Max(1e-9, paced.Seconds),
                PacedStartSeconds = paced.BeforePacingSeconds,
                LatencySamples = raw.TotalCount,
                Intents = fast.Intents,
                Orders = fast.Orders,
                Strategies = run.Strategies.Count,
                Instruments = instruments.Count,
                JournalBytes = journalBytes,
                JournalSealed = options.Sealed,
                GenerateSeconds = generateSeconds,
                TotalSeconds = total.Elapsed.TotalSeconds,
                RingSize = config.Pipeline.RingSize,
                SlotBytes = fast.SlotBytes,
                SlotLineAligned = fast.SlotLineAligned,
            };
        }
        finally
        {
            if (!options.Keep && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Writes a journal of <paramref name="ticks"/> simulated full-mode ticks at <paramref name="rate"/> a second for the configuration's instruments, with the run's session records, in segments of <paramref name="segmentBytes"/>.</summary>
    internal static RunDefinition Generate(EngineConfig config, string folder, long ticks, double rate, bool sealedSegments, Action<string> progress, long segmentBytes = 64L * 1024 * 1024)
    {
        // Receive times step at the paced rate; the sim market clock maps them to market time.
        long wallStart = UnixTime.NowNanoseconds();
        var run = RunDefinition.FromConfig(config, EngineRun.SimClock(config, wallStart)) with { Mode = EngineMode.Sim, SubscriptionMode = TickMode.Full };
        var instruments = run.Instruments;
        double marketTicksPerSecond = rate / instruments.Count / run.Clock.Speed;
        var models = instruments.Select(i => new InstrumentModel(i, config.Simulator.Seed, marketTicksPerSecond)).ToArray();
        using var writer = JournalWriter.Open(new JournalWriterOptions
        {
            Folder = folder,
            Durability = DurabilityMode.None,
            SegmentBytes = segmentBytes,
            SealRolledSegments = sealedSegments,
            SealOnClose = sealedSegments,
        });
        SessionRecords.Write(writer, run, 0, wallStart);
        var timer = new byte[InputRecordCodec.TimerSize];
        InputRecordCodec.WriteTimer(timer, TimerKind.Open, run.Clock.MarketStartNs);
        writer.Append(RecordType.Timer, 1, 0, wallStart, timer);

        var tick = default(Tick);
        double spacingNs = 1e9 / rate;
        for (long n = 0; n < ticks; n++)
        {
            long received = wallStart + (long)((n + 1) * spacingNs);
            models[n % models.Length].Step(run.Clock.ToMarket(received) / 1_000_000_000, ref tick);
            int length = TickEncoder.PacketLength(tick);
            var payload = writer.BeginRecord(InputRecordCodec.PrefixSize + length);
            InputRecordCodec.WriteFramePrefix(payload, n / 8, 0, (ushort)(n % 8));
            TickEncoder.EncodePacket(tick, payload[InputRecordCodec.PrefixSize..]);
            writer.CommitRecord(RecordType.Tick, 1, n + 1, received, InputRecordCodec.PrefixSize + length);
            if ((n & 0xFFFF) == 0)
            {
                writer.EndOfBatch();
            }

            if (n > 0 && n % 1_000_000 == 0)
            {
                progress($"pipeline: generating... {n:N0} ticks");
            }
        }

        writer.Flush();
        return run;
    }

    internal static ReplayRunResult Replay(RunDefinition run, StrategyRegistry registry, TradingPipelineOptions pipelineOptions, JournalReader reader, double speed, long ticks, IEventHandler<RingEvent>? check, Action? whileRunning = null, bool stampStages = false, bool yieldInWaits = false)
    {
        var gateway = new NullOrderGateway();
        using var composition = EngineComposition.Build(run, registry, pipelineOptions, gateway, check: _ => check);
        var pipeline = composition.Pipeline;
        if (check is AllocationMark mark)
        {
            mark.OnMark = pipeline.RequestAllocationSamples;
        }

        var report = pipeline.Start();
        var source = new JournalReplaySource(reader, new InputPublisher(pipeline.Ring, 0, stampStages), TickDecoder.TryDecode, OrderUpdateParser.TryParse);
        // Time, CPU, page faults and full-ring waits count from the replay's start, and paced, again
        // from its first paced input: opening the journal (a 64 MiB segment's buffers made and
        // read, about 36,900 page faults) is not the paced run.
        TimeSpan processBefore = default, fullRingBefore = default;
        ThreadStatSample? producerBefore = null, logicBefore = null;
        MachineActivity? machine = null;
        var collectionsBefore = new int[GC.MaxGeneration + 1];
        var clock = new Stopwatch();
        void Mark()
        {
            for (int generation = 0; generation < collectionsBefore.Length; generation++)
            {
                collectionsBefore[generation] = GC.CollectionCount(generation);
            }

            processBefore = CpuClock.OfProcess() ?? Process.GetCurrentProcess().TotalProcessorTime;
            producerBefore = ThreadStat.OfCurrentThread();
            logicBefore = ThreadStat.Of(LogicThread);
            fullRingBefore = pipeline.Ring.Sequencer.FullRingWaitTime;

            // Paced, what else runs on the machine is what the tail waits behind; read outside the window.
            machine = speed > 0 ? MachineActivity.Begin() : null;
            clock.Restart();
        }

        var allocationMark = check as AllocationMark;
        var replay = new ReplayOptions
        {
            Speed = speed,
            UntilSequence = ticks,
            KeepRawBytes = false,
            OnPacingStart = Mark,
            YieldInWaits = yieldInWaits,
            OnSegment = allocationMark is null ? null : allocationMark.OnSegment,
        };

        // Allocation is counted on every thread, from the first input to the drained pipeline:
        // building the pipeline (the ring's slots, the strategies' windows) is not steady state.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Read before the count starts: asking for the process allocates.
        Mark();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long producerBytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var replayed = source.Run(replay);
        pipeline.WaitUntilDrained(TimeSpan.FromMinutes(5));

        // Read as soon as the pipeline has drained: what follows (each thread's end sample, the
        // figures below) is the benchmark's own bookkeeping, and it allocates.
        long allocatedAfter = GC.GetTotalAllocatedBytes(precise: true);
        double seconds = clock.Elapsed.TotalSeconds;
        var machineReport = machine?.End();
        long producerBytes = GC.GetAllocatedBytesForCurrentThread() - producerBytesBefore;
        var collections = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int generation = 0; generation < collectionsBefore.Length; generation++)
        {
            collections[$"gen{generation}"] = GC.CollectionCount(generation) - collectionsBefore[generation];
        }
        double fullRing = (pipeline.Ring.Sequencer.FullRingWaitTime - fullRingBefore).TotalSeconds / Math.Max(1e-9, seconds);
        var atMark = pipeline.ConsumerAllocations;
        if (check is AllocationMark)
        {
            // The end's sample: an empty input (as a replay publishes for a record it cannot use)
            // carries the request through every stage, where the shutdown's alert would allocate.
            pipeline.RequestAllocationSamples();
            new InputPublisher(pipeline.Ring).Claim(EventKind.None, 0).Publish();
            pipeline.WaitUntilDrained(TimeSpan.FromSeconds(10));
            SpinWait.SpinUntil(() => pipeline.ConsumerAllocations.All(c => c.Samples >= 2), TimeSpan.FromSeconds(10));
        }

        var atEnd = pipeline.ConsumerAllocations;
        long allocated = allocatedAfter - allocatedBefore;
        var producerAfter = ThreadStat.OfCurrentThread();
        var logicAfter = ThreadStat.Of(LogicThread);
        var processAfter = CpuClock.OfProcess() ?? Process.GetCurrentProcess().TotalProcessorTime;
        double producerBusy = Busy(producerBefore, producerAfter, seconds);
        double logicBusy = Busy(logicBefore, logicAfter, seconds);
        double otherBusy = producerBefore is { } p0 && producerAfter is { } p1 && logicBefore is { } l0 && logicAfter is { } l1
            ? Math.Max(0, ((processAfter - processBefore) - (p1.CpuTime - p0.CpuTime) - (l1.CpuTime - l0.CpuTime)).TotalSeconds / Math.Max(1e-9, seconds))
            : double.NaN;
        var faults = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["producer"] = Faults(producerBefore, producerAfter),
            ["logic"] = Faults(logicBefore, logicAfter),
        };
        var preemptions = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["producer"] = Preemptions(producerBefore, producerAfter),
            ["logic"] = Preemptions(logicBefore, logicAfter),
        };
        var runDelays = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["producer"] = RunDelayMs(producerBefore, producerAfter),
            ["logic"] = RunDelayMs(logicBefore, logicAfter),
        };
        whileRunning?.Invoke();
        pipeline.Shutdown(TimeSpan.FromSeconds(10));

        // Each consumer thread's own count from the mark (its first sample) to the end (its second).
        var threads = new Dictionary<string, long>(StringComparer.Ordinal) { ["producer (whole run)"] = producerBytes };
        foreach (var (before, after) in atMark.Zip(atEnd))
        {
            threads[before.Name] = before.Samples == 1 && after.Samples == 2 ? after.AllocatedBytes - before.AllocatedBytes : -1;
        }

        return new ReplayRunResult(pipeline.Signals.Ticks, seconds, pipeline.Signals.Intents, pipeline.Router.Routed, report.Compact, allocated, allocatedAfter, producerBusy, logicBusy) { SteadyBytes = allocationMark is { AllocatedAtMark: >= 0 } ? allocatedAfter - allocationMark.AllocatedAtMark : -1, SteadyTicks = allocationMark is null ? 0 : pipeline.Signals.Ticks - allocationMark.AtTick, SteadySegments = allocationMark?.SegmentsOpenedAfterMark ?? 0, BeforePacingSeconds = replayed.BeforePacing.TotalSeconds, InputsPaced = replayed.InputsPaced, ThreadBytes = threads, ThreadFaults = faults, ThreadPreemptions = preemptions, ThreadRunDelayMs = runDelays, Machine = machineReport, Collections = collections, FullRingFraction = fullRing, OtherBusy = otherBusy, SlotBytes = pipeline.Ring.SlotSize, SlotLineAligned = pipeline.Ring.SlotsAreLineAligned };
    }

    // Both pipeline threads on one core: the logic thread through the placement, the producer on a
    // pinned thread of its own. Null where the core is not one this process may use.
    internal static ReplayRunResult? OnOneCore(RunDefinition run, StrategyRegistry registry, TradingPipelineOptions pipelineOptions, JournalReader reader, int core) =>
        PinnedToOneCore(pipelineOptions, core, WaitStrategies.Create(WaitStrategyKind.Yielding), "yielding") is { } pinned
            ? PinnedThread.Run(core, "engine-replay-one-core", () => Replay(run, registry, pinned, reader, 0, long.MaxValue, null))
            : null;

    // Paced with both pipeline threads on one core and every other core left to the machine's own
    // tasks: with the engine's default wait for a small machine (phased), and the producer yielding
    // the core in its waits between due times, since a spinning wait would keep the logic thread
    // off it until the scheduler's time slice ran out.
    internal static ReplayRunResult? PacedOnOneCore(RunDefinition run, StrategyRegistry registry, TradingPipelineOptions pipelineOptions, JournalReader reader, int core, long ticks, LatencyProbe probe) =>
        PinnedToOneCore(pipelineOptions, core, WaitStrategies.Create(WaitStrategyKind.Phased, TimeSpan.FromMilliseconds(100)), "phased") is { } pinned
            ? PinnedThread.Run(core, "engine-paced-one-core", () => Replay(run, registry, pinned, reader, 1, ticks, probe, yieldInWaits: true))
            : null;

    // The logic thread on the core, with a ring sized for that core's cache; null where the core is
    // not one this process may use.
    private static TradingPipelineOptions? PinnedToOneCore(TradingPipelineOptions options, int core, IWaitStrategy wait, string waitName) =>
        CpuAffinity.IsSupported && CpuAffinity.AllowedCores.Contains(core)
            ? options with
            {
                Cores = new Dictionary<string, int>(StringComparer.Ordinal) { ["logic"] = core },
                RingSize = TradingPipelineOptions.OneCoreRingSize,
                WaitStrategy = wait,
                WaitStrategyReason = $"{waitName}: producer and logic thread share core {core}",
            }
            : null;

    // The gate as it was before the rule set: kill switch, flatten, tradability, session, fixed lots.
    private static Engine.Core.Risk.RiskGateOptions FirstRulesOnly(Engine.Core.Risk.RiskGateOptions rules) => new()
    {
        Capital = rules.Capital,
        Product = rules.Product,
        MarketProtection = rules.MarketProtection,
        Sizing = new Engine.Core.Risk.SizingOptions { Lots = rules.Sizing.Lots },
        Price = new Engine.Core.Risk.PriceLimits { CircuitBandPercent = 0, FatFingerPercent = 0 },
        Budgets = new Engine.Core.Risk.OrderBudgetLimits { PerSecond = 0, PerMinute = 0, PerDay = 0, SebiPerSecond = 0, ModificationsPerOrder = 0 },
    };

    internal sealed record ReplayRunResult(long Ticks, double Seconds, long Intents, long Orders, string Placement, long Allocated, long AllocatedAtEnd, double ProducerBusy, double LogicBusy)
    {
        public long SteadyBytes { get; init; } = -1;

        // Paced: the opening before the first paced input (left out of Seconds), and the inputs after it.
        public double BeforePacingSeconds { get; init; }

        public long InputsPaced { get; init; }

        public long SteadyTicks { get; init; }

        public int SteadySegments { get; init; }

        public double OtherBusy { get; init; } = double.NaN;

        public IReadOnlyDictionary<string, long> ThreadBytes { get; init; } = new Dictionary<string, long>();

        public IReadOnlyDictionary<string, long> ThreadFaults { get; init; } = new Dictionary<string, long>();

        public IReadOnlyDictionary<string, long> ThreadPreemptions { get; init; } = new Dictionary<string, long>();

        public IReadOnlyDictionary<string, double> ThreadRunDelayMs { get; init; } = new Dictionary<string, double>();

        /// <summary>Paced only: what the machine did besides this process over the window; null where /proc could not tell.</summary>
        public MachineActivityReport? Machine { get; init; }

        /// <summary>Garbage collections of each generation over the measured window (a collection counts in every generation below it too).</summary>
        public IReadOnlyDictionary<string, long> Collections { get; init; } = new Dictionary<string, long>();

        public double FullRingFraction { get; init; }

        public int SlotBytes { get; init; }

        public bool SlotLineAligned { get; init; }
    }

    private const string LogicThread = "engine-logic";

    // CPU time over wall time: 1 is a thread that never waited.
    private static double Busy(ThreadStatSample? before, ThreadStatSample? after, double seconds) =>
        before is { } b && after is { } a ? Math.Min(1, (a.CpuTime - b.CpuTime).TotalSeconds / Math.Max(1e-9, seconds)) : double.NaN;

    // -1 where /proc is missing or the thread was not found.
    private static long Faults(ThreadStatSample? before, ThreadStatSample? after) =>
        before is { } b && after is { } a ? a.MinorFaults - b.MinorFaults : -1;

    private static double RunDelayMs(ThreadStatSample? before, ThreadStatSample? after) =>
        before is { } b && after is { } a && b.RunDelay != TimeSpan.MinValue && a.RunDelay != TimeSpan.MinValue ? Math.Round((a.RunDelay - b.RunDelay).TotalMilliseconds, 3) : -1;

    private static long Preemptions(ThreadStatSample? before, ThreadStatSample? after) =>
        before is { Preemptions: >= 0 } b && after is { Preemptions: >= 0 } a ? a.Preemptions - b.Preemptions : -1;
}
