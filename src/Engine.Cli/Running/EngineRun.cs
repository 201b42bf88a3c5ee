using System.Diagnostics;
using System.Globalization;
using Engine.Cli.Commands;
using Engine.Cli.Configuration;
using Engine.Cli.Logging;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal.Writing;
using Engine.Kite.Ticker;
using Engine.Ring;
using Engine.Sim;
using Microsoft.Extensions.Logging;

namespace Engine.Cli.Running;

/// <summary>
/// <c>engine run</c>: loads and checks the configuration, opens the journal and records the run's
/// settings, starts the pipeline in its placement, then the inputs (session timers, the ticker,
/// the admin endpoint); shows a status line; and on SIGINT, SIGTERM, the time limit or a fault,
/// shuts down in order: stop intake, drain the ring, flush and seal the journal, print a summary.
/// </summary>
public static partial class EngineRun
{
    /// <summary>Exit code: a stage faulted.</summary>
    public const int ExitFault = 1;

    /// <summary>Exit code: the broker refused the credentials.</summary>
    public const int ExitRejected = 3;

    /// <summary>Runs the engine; returns the process exit code. Configuration problems throw <see cref="ConfigurationException"/> before anything is written.</summary>
    public static async Task<int> RunAsync(EngineRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(options.ConfigFile, registry);
        if (options.Journal is not null)
        {
            config = config with { Journal = config.Journal with { Folder = Path.GetFullPath(options.Journal) } };
        }

        if (options.TickerUrl is not null)
        {
            config = config with { Broker = config.Broker with { TickerUrl = options.TickerUrl } };
        }

        if (JournalFolderCheck.Problem(config.Journal.Folder) is { } journalProblem)
        {
            throw new ConfigurationException($"{config.SourceFile}: journal.folder: {journalProblem}");
        }

        var credentials = CredentialsLoader.Load(config);
        long wallStart = UnixTime.NowNanoseconds();
        var clock = config.Mode == EngineMode.Sim ? SimClock(config, wallStart) : MarketClock.Identity;
        var run = RunDefinition.FromConfig(config, clock);
        if (run.Instruments.Count == 0)
        {
            throw new ConfigurationException($"{config.SourceFile}: nothing to subscribe to: configure strategies.instances or subscription.instruments");
        }

        using var loggerFactory = EngineLogging.Create(config.Logging.Level, config.Logging.File, options.StatusIsTerminal);
        var logger = loggerFactory.CreateLogger("Engine");
        Log.Starting(logger, config.Mode, config.SourceFile, config.Strategies.Count, run.Instruments.Count, credentials.Source);
        KiteSimulator? simulator = null;
        var output = options.Output;
        try
        {
            var tickerUrl = config.Broker.TickerUrl;
            if (tickerUrl is null)
            {
                simulator = await KiteSimulator.StartAsync(
                    new Engine.Sim.SimulatorOptions
                    {
                        Port = 0,
                        ApiKey = credentials.ApiKey,
                        AccessToken = credentials.AccessToken,
                        Seed = config.Simulator.Seed,
                        TicksPerSecond = config.Simulator.TicksPerSecond,
                        MarketSpeed = config.Simulator.Speed,
                        InstrumentsFile = config.InstrumentsFile,
                        StartTime = UnixTime.ToIst(clock.MarketStartNs),
                    },
                    loggerFactory,
                    cancellationToken).ConfigureAwait(false);
                tickerUrl = simulator.WebSocketUrl;
                Log.InProcessSimulator(logger, tickerUrl);
            }

            return await RunWithJournalAsync(options, config, registry, credentials, run, wallStart, tickerUrl, loggerFactory, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunWithJournalAsync(
        EngineRunOptions options,
        EngineConfig config,
        StrategyRegistry registry,
        KiteCredentials credentials,
        RunDefinition run,
        long wallStart,
        Uri tickerUrl,
        ILoggerFactory loggerFactory,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("Engine");
        var writer = JournalWriter.Open(
            new JournalWriterOptions { Folder = config.Journal.Folder, Durability = config.Journal.Durability, SegmentBytes = config.Journal.SegmentBytes },
            loggerFactory.CreateLogger("Engine.Journal"));
        long sequenceBase = writer.LastSequence + 1;
        var clock = run.Clock;
        var instruments = run.Instruments;
        SessionRecords.Write(writer, run, sequenceBase, wallStart);
        Log.Journal(logger, writer.Folder, writer.ActiveSegment, sequenceBase, writer.Durability);

        var placement = config.Pipeline.Placement ?? DefaultPlacement(Environment.ProcessorCount);
        var threads = TradingPipeline.ThreadNames(placement);
        var wait = config.Pipeline.WaitStrategy is { } kind
            ? WaitStrategyChoice.Configured(kind)
            : WaitStrategyChoice.ForMachine(Environment.ProcessorCount, threads.Count, 1);
        var pipelineOptions = new TradingPipelineOptions
        {
            RingSize = config.Pipeline.RingSize,
            ProducerType = ProducerType.Multi,
            WaitStrategy = WaitStrategies.Create(wait.Kind, TimeSpan.FromMilliseconds(100)),
            WaitStrategyReason = wait.Reason,
            Placement = placement,
            Cores = config.Pipeline.Cores,
            Log = message => Log.RingFault(logger, message),
        };
        var symbols = instruments.ToDictionary(i => i.InstrumentToken, i => i.TradingSymbol);
        var gateway = new LoggingOrderGateway(loggerFactory.CreateLogger("Engine.Orders"), symbols);
        var composition = EngineComposition.Build(run, registry, pipelineOptions, gateway, reasons => new RingJournaller(writer, reasons));
        var pipeline = composition.Pipeline;

        using var shutdown = new ShutdownSignal(options.Duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellationToken);
        (string Stage, Exception Error)? fault = null;
        pipeline.Faulted += (stage, error) =>
        {
            fault = (stage, error);
            stop.Cancel();
        };

        var report = pipeline.Start();
        await output.WriteLineAsync($"engine: {config.Mode.ToString().ToLowerInvariant()} mode, {run.Strategies.Count} strategies over {instruments.Count} instruments, journal {writer.Folder}").ConfigureAwait(false);
        await output.WriteLineAsync(report.ToString().TrimEnd()).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (string warning in report.Warnings)
        {
            Log.PlacementWarning(logger, warning);
        }

        var started = Stopwatch.StartNew();
        var inputs = new ControlInputs(pipeline.Ring, sequenceBase);
        var timers = new SessionTimerSource(inputs, config.Calendar, clock, logger);
        timers.Start();

        var tickerLogger = loggerFactory.CreateLogger("Engine.Ticker");
        var counters = new TickerCounters();
        var ticker = new KiteTicker(
            new KiteTickerOptions { Url = tickerUrl, ApiKey = credentials.ApiKey, AccessToken = credentials.AccessToken },
            new RingTickerSink(pipeline.Ring, counters, tickerLogger, sequenceBase),
            tickerLogger,
            counters);
        ticker.Subscribe(run.SubscribedTokens, config.SubscriptionMode);
        var tickerRun = ticker.RunAsync(stop.Token);

        EngineStatus Status(double ticksPerSecond) => new()
        {
            UptimeSeconds = started.Elapsed.TotalSeconds,
            Mode = config.Mode.ToString().ToLowerInvariant(),
            Phase = PhaseName(pipeline.Risk.Phase),
            MarketTime = UnixTime.ToIst(clock.ToMarket(UnixTime.NowNanoseconds())).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            TicksReceived = counters.Packets,
            TicksProcessed = pipeline.Signals.Ticks,
            TicksPerSecond = ticksPerSecond,
            Instruments = instruments.Count,
            Signals = pipeline.Signals.Intents,
            Accepted = pipeline.Risk.Accepted,
            Rejected = pipeline.Risk.Rejected,
            Orders = pipeline.Router.Routed,
            RingLag = pipeline.Lag,
            JournalBytes = writer.BytesWritten,
            JournalRecords = writer.RecordsAppended,
            Journal = writer.Folder,
            KillSwitch = pipeline.Risk.KillSwitchEngaged,
            Connections = ticker.ConnectedCount,
            Reconnects = counters.Reconnects,
            DecodeErrors = counters.DecodeErrors,
        };

        double lastRate = 0;
        AdminEndpoint? admin = config.AdminPort is { } port
            ? await AdminEndpoint.StartAsync(port, () => Status(lastRate), inputs, loggerFactory).ConfigureAwait(false)
            : null;

        int exitCode = 0;
        string stopReason = "stopped";
        var interval = options.StatusInterval ?? TimeSpan.FromSeconds(options.StatusIsTerminal ? 1 : 5);
        long lastTicks = 0;
        var lastAt = TimeSpan.Zero;
        try
        {
            while (!stop.IsCancellationRequested && !tickerRun.IsCompleted)
            {
                try
                {
                    await Task.WhenAny(Task.Delay(interval, stop.Token), tickerRun).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                var now = started.Elapsed;
                long ticks = pipeline.Signals.Ticks;
                lastRate = (ticks - lastTicks) / Math.Max(1e-3, (now - lastAt).TotalSeconds);
                lastTicks = ticks;
                lastAt = now;
                if (!stop.IsCancellationRequested)
                {
                    WriteStatus(options, Status(lastRate).ToLine());
                }
            }

            await tickerRun.ConfigureAwait(false);
            stopReason = fault is not null ? $"stage '{fault.Value.Stage}' failed" : shutdown.Reason is { } signal ? $"{signal} received" : options.Duration is not null ? "time limit reached" : "stopped";
        }
        catch (TickerRejectedException ex)
        {
            Log.Rejected(logger, ex.Message);
            stopReason = "the broker refused the credentials";
            exitCode = ExitRejected;
        }
        finally
        {
            if (options.StatusIsTerminal)
            {
                await options.StatusOutput.WriteLineAsync().ConfigureAwait(false);
            }

            // Stop intake first, so the drain below has an end.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await tickerRun.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TickerRejectedException or OperationCanceledException)
            {
            }

            await ticker.DisposeAsync().ConfigureAwait(false);
            await timers.DisposeAsync().ConfigureAwait(false);
            if (admin is not null)
            {
                await admin.DisposeAsync().ConfigureAwait(false);
            }

            Log.Stopping(logger, stopReason, pipeline.Lag);
            bool drained = pipeline.Shutdown(TimeSpan.FromSeconds(30));
            pipeline.Dispose();
            long records = writer.RecordsAppended;
            long bytes = writer.BytesWritten;
            writer.Dispose();
            gateway.Dispose();
            if (fault is { } f)
            {
                Log.Fault(logger, f.Stage, f.Error);
                exitCode = ExitFault;
            }

            var summary = Status(lastRate) with { JournalBytes = bytes, JournalRecords = records };
            await WriteSummaryAsync(output, summary, stopReason, drained, gateway, counters, writer.Folder, started.Elapsed).ConfigureAwait(false);
        }

        return exitCode;
    }

    /// <summary>fused below 4 cores, staged below 8, per-stage from 8.</summary>
    public static PipelinePlacement DefaultPlacement(int cores) => cores >= 8 ? PipelinePlacement.PerStage : cores >= 4 ? PipelinePlacement.Staged : PipelinePlacement.Fused;

    /// <summary>The sim market clock: the configured start time on the latest trading day, at the configured speed.</summary>
    public static MarketClock SimClock(EngineConfig config, long wallStartNs)
    {
        ArgumentNullException.ThrowIfNull(config);
        var day = DateOnly.FromDateTime(UnixTime.ToIst(wallStartNs).DateTime);
        for (int i = 0; i < 30 && !config.Calendar.IsTradingDay(day); i++)
        {
            day = day.AddDays(-1);
        }

        return new MarketClock(wallStartNs, SessionCalendar.At(day, config.Simulator.MarketStart), config.Simulator.Speed);
    }

    private static string PhaseName(Engine.Core.Events.TimerKind phase) => phase switch
    {
        Engine.Core.Events.TimerKind.PreOpen => "pre-open",
        Engine.Core.Events.TimerKind.Open => "open",
        Engine.Core.Events.TimerKind.SquareOff => "square-off",
        Engine.Core.Events.TimerKind.Close => "closed",
        _ => "no session",
    };

    private static void WriteStatus(EngineRunOptions options, string line)
    {
        if (options.StatusIsTerminal)
        {
            options.StatusOutput.Write("\r\u001b[K" + line);
        }
        else
        {
            options.StatusOutput.WriteLine(line);
        }

        options.StatusOutput.Flush();
    }

    private static async Task WriteSummaryAsync(TextWriter output, EngineStatus status, string reason, bool drained, LoggingOrderGateway gateway, TickerCounters counters, string journal, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        string quoted = journal.Contains(' ', StringComparison.Ordinal) ? $"\"{journal}\"" : journal;
        await output.WriteLineAsync(string.Create(inv, $"engine: {reason} after {elapsed.TotalSeconds:F1} s; ring {(drained ? "drained" : "NOT drained (a stage stopped early)")}, journal flushed and sealed")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"  ticks     {status.TicksReceived:N0} received, {status.TicksProcessed:N0} through the strategies ({status.TicksProcessed / Math.Max(1e-3, elapsed.TotalSeconds):N0}/s); {counters.Frames:N0} frames, {status.DecodeErrors} decode errors, {status.Reconnects} reconnects")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"  decisions {status.Signals:N0} signal intents: {status.Accepted:N0} accepted, {status.Rejected:N0} rejected; {status.Orders:N0} orders journaled and handed to the gateway ({gateway.Unlogged} not logged)")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"  journal   {journal}: {status.JournalRecords:N0} records, {status.JournalBytes / 1e6:F1} MB written by this run")).ConfigureAwait(false);
        await output.WriteLineAsync($"  replay    ./run.sh engine replay {quoted} --verify").ConfigureAwait(false);
        await output.WriteLineAsync($"  read      ./run.sh journal stats {quoted}   |   ./run.sh journal dump {quoted} --type order_request").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "starting in {Mode} mode from {Config}: {Strategies} strategy instances, {Instruments} instruments, {Credentials}")]
        public static partial void Starting(ILogger logger, EngineMode mode, string config, int strategies, int instruments, string credentials);

        [LoggerMessage(Level = LogLevel.Information, Message = "simulator started in-process; ticker at {Url}")]
        public static partial void InProcessSimulator(ILogger logger, Uri url);

        [LoggerMessage(Level = LogLevel.Information, Message = "journal {Folder}: segment {Segment}, this run's inputs start at sequence {Sequence}, {Durability} durability")]
        public static partial void Journal(ILogger logger, string folder, ulong segment, long sequence, DurabilityMode durability);

        [LoggerMessage(Level = LogLevel.Warning, Message = "placement: {Warning}")]
        public static partial void PlacementWarning(ILogger logger, string warning);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
        public static partial void RingFault(ILogger logger, string message);

        [LoggerMessage(Level = LogLevel.Error, Message = "ticker: {Message}")]
        public static partial void Rejected(ILogger logger, string message);

        [LoggerMessage(Level = LogLevel.Information, Message = "shutting down ({Reason}): intake stopped, draining {Lag} events, then flushing and sealing the journal")]
        public static partial void Stopping(ILogger logger, string reason, long lag);

        [LoggerMessage(Level = LogLevel.Critical, Message = "stage {Stage} failed; the pipeline halted at that event, so nothing after it was acted on")]
        public static partial void Fault(ILogger logger, string stage, Exception error);
    }
}
