using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engine.Host.Configuration;
using Engine.Host.Running;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Pipeline;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;

namespace Engine.Host.Replay;

/// <summary>
/// <c>engine replay</c>: runs the journal's inputs through the same pipeline the live run used,
/// rebuilt from the run's own session_start and instrument records (or another configuration, to
/// see what a change would have done). Each run in the journal (an engine restart appends a new
/// one) is replayed with its own settings. With verification, every decision is compared with the
/// recorded one and the replay stops at the first difference.
/// </summary>
public static class ReplayRun
{
    /// <summary>Exit code: a decision differed.</summary>
    public const int ExitMismatch = 1;

    /// <summary>Replays; returns the exit code.</summary>
    public static int Run(ReplayRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.Journal))
        {
            throw new DirectoryNotFoundException($"Journal folder '{options.Journal}' does not exist.");
        }

        var reader = JournalReader.OpenWithSegments(options.Journal);

        if (options.Core is { } core && !CpuAffinity.AllowedCores.Contains(core))
        {
            throw new ArgumentException($"--core {core}: this process may run on cores {string.Join(",", CpuAffinity.AllowedCores)} only.");
        }

        var from = ReplayPosition.Parse(options.From, "--from");
        var until = ReplayPosition.Parse(options.Until, "--until");
        var registry = StrategyRegistry.CreateWithBuiltins();
        var overrides = options.ConfigFile is null ? null : EngineConfigLoader.Load(options.ConfigFile, registry);
        var loadedAssemblies = new HashSet<string>(overrides?.StrategyAssemblies ?? [], StringComparer.Ordinal);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        long inputs = 0, intents = 0, orders = 0, recordedOutputs = 0, compared = 0, matched = 0, damaged = 0, unreplayable = 0;
        int runs = 0;
        long lastInput = -1;
        ReplayMismatch? mismatch = null;
        long next = long.MinValue;
        long setupTicks = 0;
        while (!cancel.IsCancellationRequested)
        {
            long runBuilding = Stopwatch.GetTimestamp();
            var session = SessionRecords.ReadSession(reader, next);
            RunDefinition run;
            long sessionSequence, runStart;
            if (session is { } s)
            {
                (run, sessionSequence, runStart) = s;
                foreach (string assembly in run.StrategyAssemblies.Where(a => overrides is null && loadedAssemblies.Add(a)))
                {
                    registry.LoadAssembly(assembly);
                }
            }
            else if (runs > 0)
            {
                break;
            }
            else if (overrides is not null)
            {
                (run, sessionSequence, runStart) = (DefinitionFrom(overrides, null), long.MinValue, 0);
            }
            else
            {
                throw new JournalException($"'{options.Journal}' has no session_start record before its first input: it was not written by 'engine run' (for example by 'engine ticks'), so there are no strategies to replay. Give the settings with --config FILE.");
            }

            if (overrides is not null && session is not null)
            {
                run = DefinitionFrom(overrides, run);
            }

            runs++;
            long fromSequence = from?.Sequence ?? long.MinValue;
            long fromTime = from?.ReceiveTimeNs(run.Clock, runStart) ?? long.MinValue;
            long untilSequence = until?.Sequence ?? long.MaxValue;
            long untilTime = until is { Sequence: null } u ? u.ReceiveTimeNs(run.Clock, runStart) : long.MaxValue;

            var pipelineOptions = options.Core is { } sharedCore
                ? TradingPipelineOptions.SingleProducerFused($"replay: one producer and one logic thread, both on core {sharedCore}") with { Cores = new Dictionary<string, int>(StringComparer.Ordinal) { ["logic"] = sharedCore }, RingSize = TradingPipelineOptions.OneCoreRingSize }
                : TradingPipelineOptions.SingleProducerFused("replay: one producer, one logic thread");
            int ringSize = pipelineOptions.RingSize;
            ReplayVerifier? verifier = null;
            var gateway = new NullOrderGateway();
            using var composition = EngineComposition.Build(run, registry, pipelineOptions, gateway, check: reasons =>
            {
                IEventHandler<RingEvent>? printer = options.PrintDecisions ? new DecisionPrinter(options.Output, reasons, run.Clock, fromSequence) : null;
                if (options.Verify)
                {
                    verifier = new ReplayVerifier(ringSize, reasons, run.Clock, fromSequence, () => cancel.Cancel());
                }

                return (verifier, printer) switch
                {
                    (null, null) => null,
                    (null, _) => printer,
                    (_, null) => verifier,
                    _ => new FusedEventHandler<RingEvent>("check", verifier, printer),
                };
            });
            var pipeline = composition.Pipeline;
            var placement = pipeline.Start();
            if (options.Core is { } placedCore)
            {
                options.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay: producer and {placement.Compact} on core {placedCore}, a ring of {ringSize:N0} slots to stay in that core's cache{string.Concat(placement.Warnings.Select(w => $"; {w}"))}"));
            }

            var source = new JournalReplaySource(reader, new InputPublisher(pipeline.Ring), TickDecoder.TryDecode, OrderUpdateParser.TryParse);
            using var progress = new ReplayProgress(options.Progress, options.ProgressIsTerminal, source, reader.Segments.Count);
            var replayOptions = new ReplayOptions
            {
                FromSequence = sessionSequence,
                UntilSequence = untilSequence,
                UntilTimeNs = untilTime,
                Speed = options.Speed,
                PaceFromSequence = fromSequence,
                PaceFromTimeNs = fromTime,
                SkipDamaged = options.SkipDamaged,
                StopAtNextSession = true,
                KeepRawBytes = false,
                OnOutput = verifier is null ? null : verifier.Record,
                OnSegment = progress.Segment,
                OnDamage = damage => options.Progress.WriteLine($"replay: damaged record skipped: {damage}"),
            };

            setupTicks += Stopwatch.GetTimestamp() - runBuilding;
            var result = options.Core is { } producerCore
                ? PinnedThread.Run(producerCore, "engine-replay", () => source.Run(replayOptions, cancel.Token))
                : source.Run(replayOptions, cancel.Token);
            pipeline.Shutdown(TimeSpan.FromMinutes(5));
            progress.Finish();
            inputs += result.InputsPublished;
            recordedOutputs += result.OutputsRead;
            damaged += result.Damaged;
            unreplayable += result.Unreplayable;
            intents += pipeline.Signals.Intents;
            orders += pipeline.Router.Routed;
            lastInput = Math.Max(lastInput, source.LastInputSequence);
            if (verifier is not null)
            {
                compared += verifier.InputsCompared;
                matched += verifier.OutputsMatched;
                mismatch ??= verifier.Mismatch;
            }

            if (mismatch is not null || result.NextSessionSequence is not { } nextSession || (until is not null && lastInput >= untilSequence))
            {
                break;
            }

            next = nextSession;
        }

        bool truncatedTail = mismatch is not null && mismatch.Recorded.Count == 0 && mismatch.InputSequence == lastInput;
        double seconds = clock.Elapsed.TotalSeconds;
        var summary = new ReplaySummary(options.Journal, runs, inputs, lastInput, seconds, intents, orders, recordedOutputs, damaged, unreplayable,
            options.Verify ? (mismatch is null ? "ok" : truncatedTail ? "ok-truncated" : "mismatch") : null, compared, matched, mismatch)
        {
            SetupSeconds = Math.Min(seconds, Stopwatch.GetElapsedTime(0, setupTicks).TotalSeconds),
        };
        Report(options, summary);
        return mismatch is null || truncatedTail ? 0 : ExitMismatch;
    }

    private static RunDefinition DefinitionFrom(EngineConfig config, RunDefinition? recorded)
    {
        var byToken = config.Instruments.ToDictionary(i => i.InstrumentToken);
        var instruments = (recorded?.Instruments ?? []).ToDictionary(i => i.InstrumentToken);
        foreach (uint token in config.Strategies.SelectMany(s => s.Universe).Concat(config.ExtraInstruments))
        {
            instruments.TryAdd(token, byToken[token]);
        }

        return new RunDefinition
        {
            EngineVersion = recorded?.EngineVersion ?? EngineVersion.Text,
            Mode = recorded?.Mode ?? config.Mode,
            Seed = recorded?.Seed ?? config.Simulator.Seed,
            Clock = recorded?.Clock ?? MarketClock.Identity,
            Calendar = config.Calendar,
            Risk = config.Risk,
            SubscriptionMode = recorded?.SubscriptionMode ?? config.SubscriptionMode,
            StrategyAssemblies = config.StrategyAssemblies,
            Strategies = config.Strategies,
            Instruments = [.. instruments.Values],
            ConfigFile = config.SourceFile,
        };
    }

    private static void Report(ReplayRunOptions options, ReplaySummary summary)
    {
        var output = options.Output;
        if (options.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, ReplaySummary.JsonOptions));
            output.Flush();
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"replay: {summary.Journal}: {summary.Runs} run{(summary.Runs == 1 ? "" : "s")}, {summary.Inputs:N0} inputs in {summary.Seconds:F2} s ({summary.InputsPerSecond:N0} inputs/s over the {summary.Seconds - summary.SetupSeconds:F2} s of replaying, after {summary.SetupSeconds:F2} s building the pipeline); {summary.Intents:N0} signal intents, {summary.Orders:N0} orders{(summary.Damaged > 0 ? $"; {summary.Damaged} damaged records skipped" : "")}{(summary.Unreplayable > 0 ? $"; {summary.Unreplayable} inputs could not be replayed" : "")}"));
        switch (summary.Verify)
        {
            case "ok":
                output.WriteLine(string.Create(inv, $"verify: OK: every decision re-derived identically ({summary.Compared:N0} inputs compared, {summary.Matched:N0} recorded outputs matched byte for byte)"));
                break;
            case "ok-truncated":
                output.WriteLine(string.Create(inv, $"verify: OK up to the last input: {summary.Compared:N0} inputs compared, {summary.Matched:N0} outputs matched; the run stopped (crashed) after journaling input {summary.Mismatch!.InputSequence} but before its decisions, so nothing was sent for it"));
                break;
            case "mismatch":
                var m = summary.Mismatch!;
                output.WriteLine(string.Create(inv, $"verify: FAILED at input sequence {m.InputSequence}: {m.Input}"));
                output.WriteLine("  recorded in the journal:");
                WriteLines(output, m.Recorded);
                output.WriteLine("  made by this replay:");
                WriteLines(output, m.Replayed);
                output.WriteLine(string.Create(inv, $"  ({summary.Compared:N0} earlier inputs matched)"));
                if (summary.RecordedOutputs == 0)
                {
                    // A journal of inputs alone (the journaller off, as in a benchmark's kept journal) cannot be verified.
                    output.WriteLine("  the journal holds no recorded decisions up to here: it records inputs only (as one kept by 'bench pipeline --keep' does), so there is nothing to verify against; replay it without --verify");
                }

                break;
        }

        output.Flush();
    }

    private static void WriteLines(TextWriter output, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            output.WriteLine("    (no decisions)");
        }

        foreach (string line in lines)
        {
            output.WriteLine("    " + line);
        }
    }
}
