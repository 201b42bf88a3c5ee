using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Host.Configuration;
using Engine.Host.Logging;
using Engine.Core.Pipeline;
using Engine.Sim;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Running;

/// <summary>
/// <c>engine run</c>: loads and checks the configuration and the credentials before anything is
/// written, starts the in-process simulator when sim mode names no ticker, then hands over to an
/// <see cref="EngineSession"/>, which owns everything from the journal's opening to its seal.
/// </summary>
public static partial class EngineRun
{
    /// <summary>Exit code: a clean stop.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: a stage faulted.</summary>
    public const int ExitFault = 1;

    /// <summary>Exit code: the configuration or the command line is wrong; nothing was written.</summary>
    public const int ExitConfiguration = 2;

    /// <summary>Exit code: the broker refused the credentials.</summary>
    public const int ExitRejected = 3;

    /// <summary>Exit code: a start-up step failed after the journal opened (the journal was still flushed and sealed).</summary>
    public const int ExitStartFailed = 4;

    /// <summary>Exit code: the account restored from the journal and the broker's differ; the differences were printed and nothing was traded (start with --adopt-broker-state to take the broker's).</summary>
    public const int ExitAccountMismatch = 5;

    /// <summary>Runs the engine; returns the process exit code. Configuration problems throw <see cref="ConfigurationException"/> before anything is written.</summary>
    public static async Task<int> RunAsync(EngineRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(options.ConfigFile, registry);
        if (options.Configure is { } configure)
        {
            config = configure(config);
        }

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

        if (config.Schedule is { } schedule && options.Duration is null)
        {
            return await RunDailyAsync(options, config, registry, schedule, cancellationToken).ConfigureAwait(false);
        }

        return await RunOnceAsync(options, config, registry, null, cancellationToken).ConfigureAwait(false);
    }

    // The daemon: idle until the day's start, one run until its stop (the same journal, so each day
    // restores and reconciles the last), an end-of-day line with the journal's head, and again.
    // SIGTERM or SIGINT ends it at once when idle, and in order (drain, flush, seal) when running.
    private static async Task<int> RunDailyAsync(EngineRunOptions options, EngineConfig config, StrategyRegistry registry, DailySchedule schedule, CancellationToken cancellationToken)
    {
        using var loggerFactory = EngineLogging.Create(config.Logging.Level, config.Logging.File, options.StatusIsTerminal);
        var logger = loggerFactory.CreateLogger("Engine.Schedule");
        using var shutdown = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellationToken);
        using var systemd = new SystemdNotifications();
        EngineSession? current = null;
        systemd.StartWatchdogOnce(() => Volatile.Read(ref current) is not { } session || session.StartupStep is not null || session.Summary is not null || session.PipelineKeepsUp());
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        while (!stop.IsCancellationRequested)
        {
            var (day, startNs, stopNs) = schedule.Next(UnixTime.NowNanoseconds(), config.Calendar);
            string window = string.Create(inv, $"{day:yyyy-MM-dd} {schedule.Start:HH:mm}-{schedule.Stop:HH:mm} IST");
            systemd.Ready($"scheduled: next run {window}");
            if (startNs > UnixTime.NowNanoseconds())
            {
                Log.Waiting(logger, window, config.Journal.Folder);
                systemd.Status($"idle until {window}");
                if (!await WaitUntilAsync(startNs, stop.Token).ConfigureAwait(false))
                {
                    break;
                }
            }

            var duration = TimeSpan.FromTicks(Math.Max(0, stopNs - UnixTime.NowNanoseconds()) / 100);
            Log.DayStarting(logger, window, duration.TotalMinutes);
            int exit = await RunOnceAsync(options with { Duration = duration, OneDayOfDaemon = true }, config, registry, s => Volatile.Write(ref current, s), stop.Token).ConfigureAwait(false);
            var summary = Volatile.Read(ref current)?.Summary;
            Volatile.Write(ref current, null);
            string dayText = day.ToString("yyyy-MM-dd", inv);
            string head = summary?.JournalHeadSegment is { } segment ? string.Create(inv, $"segment {segment} sha256 {summary.JournalHead}, signed into {summary.Digest}") : "no segment sealed";
            Log.EndOfDay(logger, dayText, summary?.Reason ?? "ended", summary?.Journal ?? config.Journal.Folder, summary?.JournalRecords ?? 0, head);
            if (summary is { Sealed: true })
            {
                try
                {
                    string pack = Reports.EndOfDayPack.Write(summary, day);
                    Log.Pack(logger, pack);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Journal.JournalException or InvalidDataException)
                {
                    Log.PackFailed(logger, dayText, ex.Message);
                }
            }
            if (exit != ExitOk || shutdown.Reason is not null)
            {
                systemd.Stopping();
                return exit;
            }
        }

        systemd.Stopping();
        return ExitOk;
    }

    private static async Task<bool> WaitUntilAsync(long whenNs, CancellationToken cancellationToken)
    {
        // In steps, so a clock that jumps (NTP, a suspended VM) is followed.
        while (UnixTime.NowNanoseconds() < whenNs)
        {
            var left = TimeSpan.FromTicks((whenNs - UnixTime.NowNanoseconds()) / 100);
            try
            {
                await Task.Delay(left < TimeSpan.FromSeconds(30) ? left : TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<int> RunOnceAsync(EngineRunOptions options, EngineConfig config, StrategyRegistry registry, Action<EngineSession>? started, CancellationToken cancellationToken)
    {
        var credentials = CredentialsLoader.Load(config);
        long wallStart = UnixTime.NowNanoseconds();
        var clock = config.SimulatorClock ? SimClock(config, wallStart) : MarketClock.Identity;
        var run = RunDefinition.FromConfig(config, clock);
        if (run.Instruments.Count == 0)
        {
            throw new ConfigurationException($"{config.SourceFile}: nothing to subscribe to: configure strategies.instances or subscription.instruments");
        }

        using var loggerFactory = EngineLogging.Create(config.Logging.Level, config.Logging.File, options.StatusIsTerminal);
        var logger = loggerFactory.CreateLogger("Engine");
        Log.Starting(logger, config.Mode, config.SourceFile, config.Strategies.Count, run.Instruments.Count, credentials.Source);
        if (credentials.Expires is { } expires && expires - DateTimeOffset.UtcNow < TimeSpan.FromHours(2))
        {
            Log.TokenExpiring(logger, expires.ToOffset(UnixTime.IstOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), config.SourceFile);
        }
        KiteSimulator? simulator = null;
        try
        {
            var tickerUrl = config.Broker.TickerUrl;
            if (tickerUrl is null)
            {
                simulator = await KiteSimulator.StartAsync(
                    new SimulatorOptions
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

            await using var session = new EngineSession(options, config, registry, credentials, run, wallStart, tickerUrl, loggerFactory);
            started?.Invoke(session);
            return await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
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

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "starting in {Mode} mode from {Config}: {Strategies} strategy instances, {Instruments} instruments, {Credentials}")]
        public static partial void Starting(ILogger logger, EngineMode mode, string config, int strategies, int instruments, string credentials);

        [LoggerMessage(Level = LogLevel.Warning, Message = "the Kite access token expires at {Expires} IST; renew it with: engine login --config {Config}")]
        public static partial void TokenExpiring(ILogger logger, string expires, string config);

        [LoggerMessage(Level = LogLevel.Information, Message = "schedule: idle until the next run, {Window}, into the journal {Journal}")]
        public static partial void Waiting(ILogger logger, string window, string journal);

        [LoggerMessage(Level = LogLevel.Information, Message = "schedule: the run of {Window} starts, for {Minutes:F0} minutes")]
        public static partial void DayStarting(ILogger logger, string window, double minutes);

        [LoggerMessage(Level = LogLevel.Information, Message = "end of day {Day}: the run {Reason}; journal {Journal}, {Records} records this run, head {Head}")]
        public static partial void EndOfDay(ILogger logger, string day, string reason, string journal, long records, string head);

        [LoggerMessage(Level = LogLevel.Information, Message = "end-of-day pack (report, trades, head hash) in {Folder}")]
        public static partial void Pack(ILogger logger, string folder);

        [LoggerMessage(Level = LogLevel.Error, Message = "the end-of-day pack of {Day} could not be written: {Message}")]
        public static partial void PackFailed(ILogger logger, string day, string message);

        [LoggerMessage(Level = LogLevel.Information, Message = "simulator started in-process; ticker at {Url}")]
        public static partial void InProcessSimulator(ILogger logger, Uri url);
    }
}
