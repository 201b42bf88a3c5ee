using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engine.Core.Inputs;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Host.Admin;
using Engine.Host.Configuration;
using Engine.Host.Gateways;
using Engine.Host.Inputs;
using Engine.Journal.Writing;
using Engine.Kite.Rest;
using Engine.Kite.Ticker;
using Engine.Ring;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Running;

/// <summary>
/// One run of the engine, from the journal's opening to its seal. Start-up goes step by step
/// (open the journal and record the run's settings, build and start the pipeline, start the
/// order gateway and the session timers, subscribe, start the admin endpoint, connect the ticker); whatever step fails,
/// and however the run ends (SIGINT, SIGTERM, the time limit, a stage fault, a refused
/// credential), the stop is the same: intake stops, the ring drains, the journal is flushed,
/// fsynced and sealed, and a summary says why the run ended.
/// </summary>
public sealed partial class EngineSession : IAsyncDisposable
{
    private readonly EngineRunOptions _options;
    private readonly EngineConfig _config;
    private readonly StrategyRegistry _registry;
    private readonly KiteCredentials _credentials;
    private readonly RunDefinition _run;
    private readonly long _wallStart;
    private readonly Uri _tickerUrl;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TickerCounters _counters = new();
    private readonly Stopwatch _uptime = new();
    private JournalWriter? _writer;
    private EngineComposition? _composition;
    private IEngineGateway? _gateway;
    private SessionTimerSource? _timers;
    private KiteRestClient? _rest;
    private volatile SealedSegment? _lastHead;
    private KiteTicker? _ticker;
    private InputPublisher? _inputs;
    private AdminEndpoint? _admin;
    private Task _tickerRun = Task.CompletedTask;
    private bool _pipelineStarted;
    private bool _stopped;
    private long _sequenceBase = -1;
    private double _ticksPerSecond;
    private volatile string? _faultStage;
    private Exception? _faultError;

    private readonly SystemdNotifications _systemd = new();
    private FeedWatchdog? _feedWatchdog;
    private Alerts.AlertDispatcher? _alertSender;
    private Alerts.AlertWatcher? _alertWatcher;
    private long _watchedCursor = -1;
    private long _watchedConsumed = -1;

    /// <summary>Prepares the run; nothing is opened until <see cref="RunAsync"/>.</summary>
    public EngineSession(EngineRunOptions options, EngineConfig config, StrategyRegistry registry, KiteCredentials credentials, RunDefinition run, long wallStartNs, Uri tickerUrl, ILoggerFactory loggerFactory)
    {
        _options = options;
        _config = config;
        _registry = registry;
        _credentials = credentials;
        _run = run;
        _wallStart = wallStartNs;
        _tickerUrl = tickerUrl;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Engine");
    }

    /// <summary>True once <see cref="EngineRunOptions.Job"/> ran to its end.</summary>
    public bool JobDone { get; private set; }

    /// <summary>The start-up step in progress, or null once running (and for tests: the step that failed).</summary>
    public string? StartupStep { get; private set; }

    /// <summary>Runs until stopped; returns the process exit code. Never leaves the journal open.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal(_options.Duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellationToken);
        _uptime.Start();
        int exitCode = EngineRun.ExitOk;
        string stopReason = "stopped";
        string? failure = null;
        try
        {
            await StartAsync(stop).ConfigureAwait(false);
            if (_options.Job is { } job)
            {
                // A one-off job (a rebalance) runs on the started engine, then the run ends as any run does.
                await job(new EngineJob(_inputs!, _composition!.Pipeline, _run, PeopleOutput, alert => _alertSender?.Raise(alert)), stop.Token).ConfigureAwait(false);
                JobDone = true;
                await stop.CancelAsync().ConfigureAwait(false);
            }
            else
            {
                await ShowStatusUntilStoppedAsync(stop).ConfigureAwait(false);
            }

            await _tickerRun.ConfigureAwait(false);
            stopReason = _faultStage is { } stage ? $"stage '{stage}' failed"
                : shutdown.Reason is { } signal ? $"{signal} received"
                : JobDone ? "the job is done"
                : _options.Duration is not null && !cancellationToken.IsCancellationRequested ? "time limit reached"
                : "stopped";
        }
        catch (Reconciliation.AccountMismatchException ex)
        {
            await ReportMismatchAsync(ex.Report).ConfigureAwait(false);
            stopReason = "the journal and the broker disagree";
            failure = ex.Message;
            exitCode = EngineRun.ExitAccountMismatch;
        }
        catch (KiteApiException ex) when (ex.Error.Type == Core.Orders.BrokerError.Token)
        {
            Log.Rejected(_logger, ex.Message);
            stopReason = "the broker refused the credentials";
            failure = ex.Message;
            exitCode = EngineRun.ExitRejected;
        }
        catch (TickerRejectedException ex)
        {
            Log.Rejected(_logger, ex.Message);
            stopReason = "the broker refused the credentials";
            failure = ex.Message;
            exitCode = EngineRun.ExitRejected;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && StartupStep is { } stoppedStep)
        {
            // A signal or the time limit during start-up (a slow broker while reconciling): the same orderly stop.
            stopReason = shutdown.Reason is { } signal ? $"{signal} received while {stoppedStep}" : $"stopped while {stoppedStep}";
        }
        catch (Exception ex) when (StartupStep is { } step && ex is not OperationCanceledException)
        {
            Log.StartFailed(_logger, step, ex.Message);
            stopReason = $"start-up failed while {step}";
            failure = ex.Message;
            exitCode = EngineRun.ExitStartFailed;
        }
        finally
        {
            var summary = await StopAsync(stop, stopReason, failure).ConfigureAwait(false);
            if (_faultStage is not null)
            {
                Log.Fault(_logger, _faultStage, _faultError!);
                exitCode = EngineRun.ExitFault;
            }

            Summary = summary with { ExitCode = exitCode };
            await WriteSummaryAsync(Summary).ConfigureAwait(false);
        }

        return exitCode;
    }

    private async Task StartAsync(CancellationTokenSource stop)
    {
        var people = PeopleOutput;
        StartupStep = "loading the journal digest key";
        string digestFile = _config.Journal.DigestPath;
        byte[] digestKey = Engine.Journal.Verification.JournalDigest.LoadOrCreateKey(DigestKeyFile);

        StartupStep = "opening the journal";
        var journalLogger = _loggerFactory.CreateLogger("Engine.Journal");
        _writer = JournalWriter.Open(
            new JournalWriterOptions
            {
                Folder = _config.Journal.Folder,
                Durability = _config.Journal.Durability,
                SegmentBytes = _config.Journal.SegmentBytes,
                OnSealed = sealedSegment => VouchFor(sealedSegment, digestFile, digestKey, journalLogger),
                OnFinishFailed = JournalError,
            },
            journalLogger);
        _sequenceBase = _writer.LastSequence + 1;
        Log.Journal(_logger, _writer.Folder, _writer.ActiveSegment, _sequenceBase, _writer.Durability);

        StartupStep = "restoring the account from the journal's last run";
        var restored = _sequenceBase > 0 ? Reconciliation.LastRunState.Capture(_writer.Folder, stop.Token) : null;

        StartupStep = "recording the run's settings in the journal";
        SessionRecords.Write(_writer, _run, _sequenceBase, _wallStart);

        StartupStep = "building the pipeline";
        var placement = _config.Pipeline.Placement ?? EngineRun.DefaultPlacement(Environment.ProcessorCount);
        var threads = TradingPipeline.ThreadNames(placement);
        var wait = _config.Pipeline.WaitStrategy is { } kind
            ? WaitStrategyChoice.Configured(kind)
            : WaitStrategyChoice.ForMachine(Environment.ProcessorCount, threads.Count, 1);
        var pipelineOptions = new TradingPipelineOptions
        {
            RingSize = _config.Pipeline.RingSize,
            ProducerType = ProducerType.Multi,
            WaitStrategy = WaitStrategies.Create(wait.Kind, TimeSpan.FromMilliseconds(100)),
            WaitStrategyReason = wait.Reason,
            Placement = placement,
            Cores = _config.Pipeline.StageCores,
            Log = message => Log.RingFault(_logger, message),
        };
        _gateway = CreateGateway();
        var writer = _writer;
        _composition = EngineComposition.Build(_run, _registry, pipelineOptions, _gateway, reasons => new RingJournaller(writer, reasons));
        var precompiled = _config.Pipeline.Precompile ? Task.Run(() => Precompile(stop.Token), stop.Token) : Task.CompletedTask;
        var pipeline = _composition.Pipeline;
        pipeline.Faulted += (stage, error) =>
        {
            _faultError = error;
            _faultStage = stage;
            _alertSender?.Raise(new Alerts.Alert(stage == "journal" ? "journal_error" : "stage_fault", $"stage '{stage}' failed ({error.GetType().Name}: {error.Message}); the engine stops, nothing after that input was acted on", DateTimeOffset.UtcNow));
            stop.Cancel();
        };

        StartupStep = "starting the pipeline threads";
        var report = pipeline.Start();
        _pipelineStarted = true;
        await people.WriteLineAsync($"engine: {_config.Mode.ToString().ToLowerInvariant()} mode, {_run.Strategies.Count} strategies over {_run.Instruments.Count} instruments, journal {_writer.Folder}").ConfigureAwait(false);
        await people.WriteLineAsync(report.ToString().TrimEnd()).ConfigureAwait(false);
        await people.WriteLineAsync(_config.Pipeline.TickerCore is { } tickerCore
            ? $"  producer: the ticker's receive thread per connection (ticker-0, ...) reads, decodes and publishes each frame, pinned to core {tickerCore}"
            : "  producer: the ticker's receive thread per connection (ticker-0, ...) reads, decodes and publishes each frame, unpinned (pipeline.cores.ticker pins it)").ConfigureAwait(false);
        await people.FlushAsync().ConfigureAwait(false);
        foreach (string warning in report.Warnings)
        {
            Log.PlacementWarning(_logger, warning);
        }

        var inputs = new InputPublisher(pipeline.Ring, _sequenceBase, _config.Journal.Latency);
        _inputs = inputs;
        StartupStep = _rest is null ? "restoring the account" : "reconciling the account with the broker";
        await ReconcileAsync(inputs, restored, people, stop.Token).ConfigureAwait(false);

        StartupStep = "starting the order gateway";
        _gateway.Start(inputs);
        Log.Gateway(_logger, _gateway.Name);

        StartupStep = "starting the session timers";
        _timers = new SessionTimerSource(inputs, _config.Calendar, _run.Clock, _logger);
        _timers.Start();

        StartupStep = "compiling the engine's code ahead of the first tick";
        await precompiled.ConfigureAwait(false);

        StartupStep = "subscribing the instruments";
        var tickerLogger = _loggerFactory.CreateLogger("Engine.Ticker");
        _ticker = new KiteTicker(
            new KiteTickerOptions { Url = _tickerUrl, ApiKey = _credentials.ApiKey, AccessToken = _credentials.AccessToken, ReceiveCore = _config.Pipeline.TickerCore },
            new RingTickerSink(inputs, _counters, tickerLogger),
            tickerLogger,
            _counters);
        _ticker.Subscribe(_run.SubscribedTokens, _config.SubscriptionMode);

        if (_config.AdminPort is not null || _config.AdminSocket is not null)
        {
            StartupStep = $"starting the admin endpoint on {string.Join(" and ", new[] { _config.AdminPort is { } p ? $"127.0.0.1:{p}" : null, _config.AdminSocket is { } u ? $"unix:{u}" : null }.OfType<string>())}";
            var token = AdminToken.LoadOrCreate(_config.AdminTokenFile ?? Path.Combine(Path.GetDirectoryName(_config.SourceFile) ?? ".", "admin.token"));
            var tracker = _composition!.Pipeline.Orders;
            _admin = await AdminEndpoint.StartAsync(_config.AdminPort, _config.AdminSocket, token, () => Status(), inputs, _loggerFactory, ParseRuleSet, () => OrderReport.Of(tracker, _run.Instruments)).ConfigureAwait(false);
        }

        if (_config.FeedStaleAfter is { } staleAfter)
        {
            var risk = _composition!.Pipeline.Risk;
            var ticker = _ticker;
            _feedWatchdog = new FeedWatchdog(staleAfter, () => _counters.Packets, () => risk.Phase == Core.Events.TimerKind.Open, inputs, ticker.Reconnect, _loggerFactory.CreateLogger("Engine.Feed"), TimeSpan.FromSeconds(1), () => _counters.LatestExchangeTimestamp);
        }

        var channels = new List<Alerts.IAlertChannel>();
        if (_config.Alerts.WebhookUrl is { } webhook)
        {
            channels.Add(new Alerts.WebhookChannel(webhook, _config.Alerts.TelegramChatId));
        }

        if (_config.Alerts.Email is { } email)
        {
            var security = email.Security switch { "ssl" => MailKit.Security.SecureSocketOptions.SslOnConnect, "none" => MailKit.Security.SecureSocketOptions.None, _ => MailKit.Security.SecureSocketOptions.StartTls };
            channels.Add(new Alerts.EmailChannel(email.Host, email.Port, security, email.From, email.To, email.User, Environment.GetEnvironmentVariable("ENGINE_SMTP_PASSWORD")));
        }

        if (channels.Count > 0)
        {
            _alertSender = new Alerts.AlertDispatcher(channels, _config.Alerts.MinInterval, _loggerFactory.CreateLogger("Engine.Alerts"));
            _alertWatcher = new Alerts.AlertWatcher(_alertSender.Raise, _config.Alerts.DisconnectedFor);
            if (_credentials.Expires is { } expires && expires - DateTimeOffset.UtcNow < TimeSpan.FromHours(2))
            {
                _alertSender.Raise(new Alerts.Alert("token_expiring", string.Create(CultureInfo.InvariantCulture, $"The Kite access token expires at {expires.ToOffset(UnixTime.IstOffset):yyyy-MM-dd HH:mm} IST: run engine login."), DateTimeOffset.UtcNow));
            }
        }

        StartupStep = "connecting the ticker";
        _tickerRun = _ticker.RunAsync(stop.Token);
        StartupStep = null;
    }

    // Runs on the journal's sealing thread: the head goes into the signed digest, and a failure is
    // loud (logged and alerted) but never stops trading; the next seal vouches for the chain again.
    private void VouchFor(SealedSegment sealedSegment, string digestFile, byte[] key, ILogger logger)
    {
        try
        {
            Engine.Journal.Verification.JournalDigest.Append(digestFile, key, new Engine.Journal.Verification.DigestEntry(sealedSegment.JournalId, sealedSegment.Number, sealedSegment.Sha256, DateTimeOffset.UtcNow));
            Log.Vouched(logger, sealedSegment.Number, sealedSegment.Sha256, digestFile);
            _lastHead = sealedSegment;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            JournalError($"the digest {digestFile} could not be written for segment {sealedSegment.Number}: {ex.Message}");
        }
    }

    private void JournalError(string message)
    {
        Log.JournalError(_logger, message);
        _alertSender?.Raise(new Alerts.Alert("journal_error", message, DateTimeOffset.UtcNow));
    }

    // Restart: the journal's last run's account goes into the ring first; then (with a broker) the
    // broker's copies of the engine's open orders catch the tracker up on what happened while it was
    // down, orders the broker never heard of are dropped, and the result must match the broker's
    // positions and order book, or the run refuses (or, told to, adopts the broker's account). Every
    // step is an input, so the journal shows it and a replay of this run starts where it started.
    private async Task ReconcileAsync(InputPublisher inputs, Core.Reconciliation.AccountState? restored, TextWriter people, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var pipeline = _composition!.Pipeline;
        if (restored is not null && _rest is null && restored.Orders.Count > 0)
        {
            // The paper broker's book lived in the last process; its orders ended with it.
            await people.WriteLineAsync(string.Create(inv, $"engine: {restored.Orders.Count} paper orders open at the last run's end ended with it; dropped")).ConfigureAwait(false);
            restored = restored with { Orders = [] };
        }

        if (restored is not null)
        {
            PublishAccountState(inputs, restored);
            await people.WriteLineAsync(string.Create(inv, $"engine: account restored from the journal's last run (through input {restored.ThroughSequence}): {Describe(restored)}")).ConfigureAwait(false);
        }

        if (_rest is null)
        {
            WaitForPipeline(pipeline);
            return;
        }

        var broker = await Reconciliation.BrokerAccount.FetchAsync(_rest, cancellationToken).ConfigureAwait(false);
        var engine = restored ?? new Core.Reconciliation.AccountState { Source = "journal" };
        var answers = new OrderAnswerPublisher(inputs);
        var caughtUp = Reconciliation.AccountReconciliation.OrdersToCatchUp(engine, broker);
        foreach (var order in caughtUp)
        {
            answers.Update(JsonSerializer.SerializeToUtf8Bytes(order));
        }

        var neverPlaced = Reconciliation.AccountReconciliation.NeverPlaced(engine, broker);
        foreach (var order in neverPlaced)
        {
            answers.Reply(
                new Core.Orders.OrderReply { ClientOrderId = order.ClientOrderId, Action = Core.Orders.OrderAction.Place, Outcome = Core.Orders.ReplyOutcome.Rejected, Error = Core.Orders.BrokerError.General, Attempt = 1 },
                "{\"status\":\"absent\",\"message\":\"not in the broker's order book at restart: it never reached the broker, and the engine does not send it again\"}"u8);
        }

        WaitForPipeline(pipeline);
        var now = Core.Reconciliation.AccountState.Capture(pipeline.Orders, pipeline.Risk.Context, inputs.NextInputSequence - 1);
        var report = Reconciliation.AccountReconciliation.Compare(now, broker, _run.Instruments);
        foreach (string note in report.Notes)
        {
            Log.ReconcileNote(_logger, note);
        }

        if (report.Agrees)
        {
            int openAtBroker = broker.Positions.Count(p => p.Quantity != 0);
            Log.Reconciled(_logger, openAtBroker, broker.Orders.Count, caughtUp.Count, neverPlaced.Count);
            if (restored is not null || caughtUp.Count > 0)
            {
                await people.WriteLineAsync(string.Create(inv, $"engine: the broker agrees: {caughtUp.Count} orders caught up, {neverPlaced.Count} never placed and dropped; {Describe(now)}")).ConfigureAwait(false);
            }

            return;
        }

        if (!_options.AdoptBrokerState)
        {
            throw new Reconciliation.AccountMismatchException(report);
        }

        var adopted = Reconciliation.AccountReconciliation.BrokerState(now, broker, _run.Instruments);
        PublishAccountState(inputs, adopted);
        WaitForPipeline(pipeline);
        foreach (string difference in report.Differences)
        {
            Log.Adopted(_logger, difference);
        }

        await people.WriteLineAsync(string.Create(inv, $"engine: the broker's account adopted over {report.Differences.Count} differences (--adopt-broker-state, journaled): {Describe(adopted)}")).ConfigureAwait(false);
    }

    private static void PublishAccountState(InputPublisher inputs, Core.Reconciliation.AccountState state) =>
        inputs.PublishCommand(Core.Events.CommandKind.AccountState, 0, Core.Reconciliation.AccountStateJson.Write(state), UnixTime.NowNanoseconds());

    private static void WaitForPipeline(TradingPipeline pipeline)
    {
        if (!pipeline.WaitUntilDrained(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the pipeline did not take in the restored account within 30 s");
        }
    }

    private static string Describe(Core.Reconciliation.AccountState state)
    {
        long realized = state.Positions.Sum(p => p.RealizedPnl);
        long charges = state.Positions.Sum(p => p.Charges);
        return string.Create(CultureInfo.InvariantCulture, $"{state.Positions.Count(p => p.NetQuantity != 0)} positions open, {state.Orders.Count(o => o.IsOpen)} orders open, realised {RiskStatus.Money(realized / 100m)}, charges {RiskStatus.Money(charges / 100m)}, {state.State.ToString().ToUpperInvariant()}{(state.KillSwitch ? ", kill switch engaged" : "")}");
    }

    private async Task ReportMismatchAsync(Reconciliation.ReconciliationReport report)
    {
        var output = PeopleOutput;
        await output.WriteLineAsync($"engine: refusing to trade: the account restored from the journal and the broker's differ on {report.Differences.Count} point{(report.Differences.Count == 1 ? "" : "s")}:").ConfigureAwait(false);
        foreach (string difference in report.Differences)
        {
            Log.Difference(_logger, difference);
            await output.WriteLineAsync("  - " + difference).ConfigureAwait(false);
        }

        foreach (string note in report.Notes)
        {
            await output.WriteLineAsync("  (note) " + note).ConfigureAwait(false);
        }

        await output.WriteLineAsync("  The broker's account is the one that trades. Find out why they differ (./run.sh journal orders JOURNAL shows each order's life);").ConfigureAwait(false);
        await output.WriteLineAsync("  then start again with --adopt-broker-state to take the broker's positions and open orders (journaled), or with a new journal folder.").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private async Task ShowStatusUntilStoppedAsync(CancellationTokenSource stop)
    {
        var pipeline = _composition!.Pipeline;
        var interval = _options.StatusInterval ?? TimeSpan.FromSeconds(_options.StatusIsTerminal ? 1 : 5);
        long lastTicks = 0;
        var lastAt = TimeSpan.Zero;
        while (!stop.IsCancellationRequested && !_tickerRun.IsCompleted)
        {
            try
            {
                await Task.WhenAny(Task.Delay(interval, stop.Token), _tickerRun).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            var now = _uptime.Elapsed;
            long ticks = pipeline.Signals.Ticks;
            _ticksPerSecond = (ticks - lastTicks) / Math.Max(1e-3, (now - lastAt).TotalSeconds);
            lastTicks = ticks;
            lastAt = now;
            if (!stop.IsCancellationRequested)
            {
                var status = Status();
                WriteStatus(status.ToLine());
                _alertWatcher?.Observe(status, _uptime.Elapsed);
                if (status.Connections > 0 && !_options.OneDayOfDaemon)
                {
                    _systemd.Ready(string.Create(CultureInfo.InvariantCulture, $"trading: {status.Instruments} instruments subscribed, journal {status.Journal}"));
                    _systemd.StartWatchdogOnce(PipelineKeepsUp);
                }

                _systemd.Status(string.Create(CultureInfo.InvariantCulture, $"{status.Risk?.TradingState ?? "starting"}: {status.TicksPerSecond:N0} ticks/s, {status.Orders} orders, P&L net {status.Risk?.NetPnl ?? 0:0.00}"));
            }
        }
    }

    /// <summary>The run's summary, once <see cref="RunAsync"/> has returned.</summary>
    public EngineRunSummary? Summary { get; private set; }

    /// <summary>The watchdog's view: the slowest stage moved since the last look, or had nothing to do (call from one place only).</summary>
    public bool PipelineKeepsUp()
    {
        var pipeline = _composition?.Pipeline;
        if (pipeline is null || _faultStage is not null)
        {
            return false;
        }

        long cursor = pipeline.Ring.Cursor;
        long consumed = cursor - pipeline.Lag;
        bool keepsUp = consumed != _watchedConsumed || consumed >= cursor || _watchedCursor < 0;
        _watchedCursor = cursor;
        _watchedConsumed = consumed;
        return keepsUp;
    }

    // The same order whatever happened: intake first (so the drain has an end), then the ring,
    // then the journal (flushed, fsynced and sealed), then the gateway's own thread.
    private async Task<EngineRunSummary> StopAsync(CancellationTokenSource stop, string reason, string? failure)
    {
        if (!_options.OneDayOfDaemon)
        {
            _systemd.Stopping();
        }

        if (_options.StatusIsTerminal)
        {
            await _options.StatusOutput.WriteLineAsync().ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _tickerRun.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TickerRejectedException or OperationCanceledException)
        {
        }

        await DisposeIntakeAsync().ConfigureAwait(false);
        Log.Stopping(_logger, reason, _composition?.Pipeline.Lag ?? 0);
        bool drained = true;
        bool answered = true;
        if (_composition is not null)
        {
            if (_pipelineStarted)
            {
                // The router hands the gateway what is left in the ring; the gateway finishes what
                // is in flight while the pipeline still runs, so every answer is journaled.
                _composition.Pipeline.WaitUntilDrained(TimeSpan.FromSeconds(30));
                if (_gateway is not null)
                {
                    answered = await _gateway.DrainAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                }
            }

            drained = !_pipelineStarted || _composition.Pipeline.Shutdown(TimeSpan.FromSeconds(30));
            _composition.Dispose();
        }

        if (!answered)
        {
            Log.Unanswered(_logger);
        }

        var status = Status();
        _alertWatcher?.Observe(status, _uptime.Elapsed);
        if (_alertSender is not null)
        {
            await _alertSender.DisposeAsync().ConfigureAwait(false);
        }

        _writer?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync().ConfigureAwait(false);
        }
        _stopped = true;
        return new EngineRunSummary
        {
            Reason = reason,
            Failure = failure,
            ExitCode = 0,
            Mode = _config.Mode.ToString().ToLowerInvariant(),
            Seconds = _uptime.Elapsed.TotalSeconds,
            Drained = drained,
            Sealed = _writer is not null,
            Journal = _writer?.Folder ?? _config.Journal.Folder,
            JournalRecords = status.JournalRecords,
            JournalBytes = status.JournalBytes,
            JournalHead = _lastHead?.Sha256,
            JournalHeadSegment = _lastHead?.Number,
            Digest = _writer is null ? null : _config.Journal.DigestPath,
            DigestKey = _writer is null ? null : DigestKeyFile,
            FirstInputSequence = _sequenceBase,
            TicksReceived = status.TicksReceived,
            TicksProcessed = status.TicksProcessed,
            Frames = _counters.Frames,
            DecodeErrors = status.DecodeErrors,
            Reconnects = status.Reconnects,
            ShardFaults = _counters.ShardFaults,
            Signals = status.Signals,
            Accepted = status.Accepted,
            Rejected = status.Rejected,
            Orders = status.Orders,
            OrdersOpen = status.OrdersOpen,
            OrdersFilled = status.OrdersFilled,
            OrdersRejected = status.OrdersRejected,
            OrdersCancelled = _composition?.Pipeline.Orders.Cancelled ?? 0,
            Fills = _composition?.Pipeline.Orders.Fills ?? 0,
            IllegalTransitions = _composition?.Pipeline.Orders.IllegalTransitions ?? 0,
            RequestsNotSent = _gateway?.Counters.NotSent ?? 0,
            RequestsOverflowed = _gateway?.Counters.Overflowed ?? 0,
            RateLimited = _gateway?.Counters.RateLimited ?? 0,
            Gateway = _gateway?.Name,
            FaultStage = _faultStage,
            Risk = status.Risk,
        };
    }

    /// <summary>Releases what a run that never reached its stop (an exception the run did not expect) still holds; after <see cref="RunAsync"/> returns there is nothing left.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _systemd.Dispose();
        if (_alertSender is not null)
        {
            await _alertSender.DisposeAsync().ConfigureAwait(false);
        }

        await DisposeIntakeAsync().ConfigureAwait(false);

        _composition?.Dispose();
        _writer?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Everything that can put an input in the ring but the gateway, whose answers must still arrive.
    private async Task DisposeIntakeAsync()
    {
        _feedWatchdog?.Dispose();
        if (_ticker is not null)
        {
            await _ticker.DisposeAsync().ConfigureAwait(false);
        }

        if (_timers is not null)
        {
            await _timers.DisposeAsync().ConfigureAwait(false);
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The domain, ring, journal and Kite code whole; of the host only what runs per input or per order.
    private void Precompile(CancellationToken cancellationToken)
    {
        var strategyAssemblies = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && _run.StrategyAssemblies.Contains(a.Location, StringComparer.Ordinal));
        var assemblies = new[]
        {
            typeof(Core.Events.RingEvent).Assembly,
            typeof(Ring.Sequence).Assembly,
            typeof(JournalWriter).Assembly,
            typeof(KiteRestClient).Assembly,
            typeof(EngineSession).Assembly,
        }.Concat(strategyAssemblies);
        string hostPrefix = typeof(EngineSession).Assembly.GetName().Name + ".";
        try
        {
            var (compiled, skipped, elapsed) = MethodPrecompiler.Compile(
                assemblies,
                ns => ns is null || !ns.StartsWith(hostPrefix, StringComparison.Ordinal) || ns.StartsWith(hostPrefix + "Gateways", StringComparison.Ordinal) || ns.StartsWith(hostPrefix + "Inputs", StringComparison.Ordinal) || ns.StartsWith(hostPrefix + "Ticks", StringComparison.Ordinal),
                cancellationToken);
            Log.Precompiled(_logger, compiled, elapsed.TotalMilliseconds, skipped);
            var decision = RiskStageRehearsal.Run(_run.Risk, _run.Charges, _run.Instruments);
            Log.RiskRehearsed(_logger, decision is not { } d ? "not rehearsed: no tradable instrument" : d.IsAccepted ? "accepted, every rule checked" : $"{d.Verdict} by {d.Rule}, the rules after it not checked");
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // A warm-up: if it fails, the first order pays for its compilation, nothing more.
            Log.WarmUpFailed(_logger, ex);
        }
    }

    private IEngineGateway CreateGateway()
    {
        var logger = _loggerFactory.CreateLogger("Engine.Orders");
        if (_config.Mode == EngineMode.Paper)
        {
            return new PaperBroker(_run.Instruments, logger, new PaperBrokerOptions { Fills = _config.Fills ?? PaperFillModel.Immediate });
        }

        var rest = _config.Broker.RestRoot(_config.Mode, _tickerUrl);
        var client = new KiteRestClient(new KiteRestOptions { BaseUrl = rest, ApiKey = _credentials.ApiKey, AccessToken = _credentials.AccessToken });
        _rest = client;
        var gatewayOptions = new RestGatewayOptions();
        return new RestOrderGateway(client, _run.Instruments, _config.Broker.SettleAtStop is { } settle ? gatewayOptions with { SettleAtStop = settle } : gatewayOptions, logger);
    }

    private EngineStatus Status()
    {
        var pipeline = _composition?.Pipeline;
        return new EngineStatus
        {
            UptimeSeconds = _uptime.Elapsed.TotalSeconds,
            Mode = _config.Mode.ToString().ToLowerInvariant(),
            Phase = PhaseName(pipeline?.Risk.Phase ?? Core.Events.TimerKind.None),
            MarketTime = UnixTime.ToIst(_run.Clock.ToMarket(UnixTime.NowNanoseconds())).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            TicksReceived = _counters.Packets,
            TicksProcessed = pipeline?.Signals.Ticks ?? 0,
            TicksPerSecond = _ticksPerSecond,
            Instruments = _run.Instruments.Count,
            Signals = pipeline?.Signals.Intents ?? 0,
            Accepted = pipeline?.Risk.Accepted ?? 0,
            Rejected = pipeline?.Risk.Rejected ?? 0,
            Orders = pipeline?.Orders.Count ?? 0,
            OrdersOpen = pipeline?.Orders.Open ?? 0,
            OrdersFilled = pipeline?.Orders.Complete ?? 0,
            OrdersRejected = pipeline?.Orders.Rejected ?? 0,
            RingLag = pipeline?.Lag ?? 0,
            JournalBytes = _writer?.BytesWritten ?? 0,
            JournalRecords = _writer?.RecordsAppended ?? 0,
            Journal = _writer?.Folder,
            KillSwitch = pipeline?.Risk.KillSwitchEngaged ?? false,
            Connections = _ticker?.ConnectedCount ?? 0,
            Reconnects = _counters.Reconnects,
            DecodeErrors = _counters.DecodeErrors,
            Risk = pipeline is null ? null : RiskStatus.Of(pipeline, _run.Instruments),
        };
    }

    // An operator's new rule set, checked against the one in force: the capital is the run's.
    private Admin.RuleSetChange ParseRuleSet(string yaml)
    {
        var current = _composition?.Pipeline.Risk.Context.Options ?? _run.Risk;
        try
        {
            string folder = Path.GetDirectoryName(_config.SourceFile) ?? ".";
            var rules = RiskRulesFile.ReadText(yaml, current, folder, "POST /rules");
            if (rules.Capital != current.Capital)
            {
                return new Admin.RuleSetChange(null, rules.Version, [string.Create(CultureInfo.InvariantCulture, $"POST /rules: capital: {rules.Capital / 100m} is not the run's {current.Capital / 100m}; the capital is fixed for a run (restart with a new risk.yaml)")]);
            }

            return new Admin.RuleSetChange(Core.Risk.RiskRulesJson.Write(rules), rules.Version, []);
        }
        catch (ConfigurationException ex)
        {
            return new Admin.RuleSetChange(null, 0, ex.Problems);
        }
    }

    private string DigestKeyFile => _config.Journal.DigestKeyFile ?? Path.Combine(Path.GetDirectoryName(_config.SourceFile) ?? ".", "digest.key");

    private TextWriter PeopleOutput => _options.Json ? _options.StatusOutput : _options.Output;

    private static string PhaseName(Core.Events.TimerKind phase) => phase switch
    {
        Core.Events.TimerKind.PreOpen => "pre-open",
        Core.Events.TimerKind.Open => "open",
        Core.Events.TimerKind.SquareOff => "square-off",
        Core.Events.TimerKind.Close => "closed",
        _ => "no session",
    };

    private void WriteStatus(string line)
    {
        if (_options.StatusIsTerminal)
        {
            _options.StatusOutput.Write("\r\u001b[K" + line);
        }
        else
        {
            _options.StatusOutput.WriteLine(line);
        }

        _options.StatusOutput.Flush();
    }

    private async Task WriteSummaryAsync(EngineRunSummary s)
    {
        var output = PeopleOutput;
        var inv = CultureInfo.InvariantCulture;
        string quoted = s.Journal.Contains(' ', StringComparison.Ordinal) ? $"\"{s.Journal}\"" : s.Journal;
        string journalState = s.Sealed ? "journal flushed and sealed" : "the journal was never opened";
        await output.WriteLineAsync(string.Create(inv, $"engine: {s.Reason} after {s.Seconds:F1} s; ring {(s.Drained ? "drained" : "NOT drained (a stage stopped early)")}, {journalState}")).ConfigureAwait(false);
        if (s.Failure is not null)
        {
            await output.WriteLineAsync($"  reason    {s.Failure}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(inv, $"  ticks     {s.TicksReceived:N0} received, {s.TicksProcessed:N0} through the strategies ({s.TicksProcessed / Math.Max(1e-3, s.Seconds):N0}/s); {s.Frames:N0} frames, {s.DecodeErrors} decode errors, {s.Reconnects} reconnects")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"  decisions {s.Signals:N0} signal intents: {s.Accepted:N0} accepted, {s.Rejected:N0} rejected by the risk gate")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"  orders    {s.Orders:N0} sent to {s.Gateway ?? "no gateway"}: {s.OrdersFilled:N0} filled, {s.OrdersOpen:N0} open, {s.OrdersCancelled:N0} cancelled, {s.OrdersRejected:N0} rejected ({s.RateLimited} for the rate); {s.Fills:N0} fills{(s.IllegalTransitions > 0 ? $"; {s.IllegalTransitions} impossible updates refused" : "")}{(s.RequestsNotSent > 0 ? $"; {s.RequestsNotSent} requests journaled but not sent (stopping)" : "")}{(s.RequestsOverflowed > 0 ? $"; {s.RequestsOverflowed:N0} requests waited beyond the gateway's queue" : "")}")).ConfigureAwait(false);
        if (s.Risk is { } risk)
        {
            await output.WriteLineAsync(string.Create(inv, $"  P&L       net {RiskStatus.Money(risk.NetPnl)} = gross {RiskStatus.Money(risk.GrossPnl)} (realised {RiskStatus.Money(risk.RealizedPnl)}, marked {RiskStatus.Money(risk.UnrealizedPnl)}) - charges {RiskStatus.Money(risk.Charges)}; equity {RiskStatus.Money(risk.Equity)}")).ConfigureAwait(false);
            string open = string.Join(", ", risk.Positions.Where(p => p.Quantity != 0).Select(p => string.Create(inv, $"{p.Instrument} {p.Quantity:+#;-#} @ {p.AveragePrice:0.00}")));
            await output.WriteLineAsync($"  positions {risk.Positions.Count(p => p.Quantity != 0)} open{(open.Length > 0 ? ": " + open : "")}; {risk.Positions.Count} traded").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(inv, $"  risk      {risk.TradingState.ToUpperInvariant()}; {string.Join(", ", risk.Limits.Select(l => $"{l.Limit} {l.Status} ({l.RemainingPercent:F0}% left)"))}")).ConfigureAwait(false);
        }

        if (s.Sealed)
        {
            await output.WriteLineAsync(string.Create(inv, $"  journal   {s.Journal}: {s.JournalRecords:N0} records, {s.JournalBytes / 1e6:F1} MB written by this run")).ConfigureAwait(false);
            if (s.JournalHead is not null)
            {
                await output.WriteLineAsync(string.Create(inv, $"  head      segment {s.JournalHeadSegment} sha256 {s.JournalHead}, signed into {s.Digest}")).ConfigureAwait(false);
                await output.WriteLineAsync($"  verify    ./run.sh journal verify {quoted} --digest {s.Digest} --key {s.DigestKey}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"  replay    ./run.sh engine replay {quoted} --verify").ConfigureAwait(false);
            await output.WriteLineAsync($"  read      ./run.sh journal orders {quoted}   |   ./run.sh journal stats {quoted}").ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
        if (_options.Json)
        {
            await _options.Output.WriteLineAsync(JsonSerializer.Serialize(s, EngineRunSummary.JsonOptions)).ConfigureAwait(false);
            await _options.Output.FlushAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "compiled {Methods} of the engine's methods ahead of the first tick in {Milliseconds:F0} ms ({Skipped} left to their first call)")]
        public static partial void Precompiled(ILogger logger, int methods, double milliseconds, int skipped);

        [LoggerMessage(Level = LogLevel.Information, Message = "rehearsed the risk stage on scratch state (the run's own untouched): {Outcome}")]
        public static partial void RiskRehearsed(ILogger logger, string outcome);

        [LoggerMessage(Level = LogLevel.Warning, Message = "compiling the engine's code or rehearsing the risk stage failed; the first order compiles its path instead")]
        public static partial void WarmUpFailed(ILogger logger, Exception error);

        [LoggerMessage(Level = LogLevel.Information, Message = "journal {Folder}: segment {Segment}, this run's inputs start at sequence {Sequence}, {Durability} durability")]
        public static partial void Journal(ILogger logger, string folder, ulong segment, long sequence, DurabilityMode durability);

        [LoggerMessage(Level = LogLevel.Warning, Message = "placement: {Warning}")]
        public static partial void PlacementWarning(ILogger logger, string warning);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
        public static partial void RingFault(ILogger logger, string message);

        [LoggerMessage(Level = LogLevel.Error, Message = "the broker refused the credentials: {Message}")]
        public static partial void Rejected(ILogger logger, string message);

        [LoggerMessage(Level = LogLevel.Error, Message = "start-up failed while {Step}: {Message}; stopping intake, draining, flushing and sealing the journal")]
        public static partial void StartFailed(ILogger logger, string step, string message);

        [LoggerMessage(Level = LogLevel.Information, Message = "journal head: segment {Segment} sha256 {Head}, signed into {Digest}")]
        public static partial void Vouched(ILogger logger, ulong segment, string head, string digest);

        [LoggerMessage(Level = LogLevel.Error, Message = "journal: {Message}")]
        public static partial void JournalError(ILogger logger, string message);

        [LoggerMessage(Level = LogLevel.Warning, Message = "reconciliation: {Note}")]
        public static partial void ReconcileNote(ILogger logger, string note);

        [LoggerMessage(Level = LogLevel.Information, Message = "reconciliation: the broker agrees ({Positions} positions open, {Orders} orders today; {CaughtUp} of the engine's orders caught up, {NeverPlaced} never placed)")]
        public static partial void Reconciled(ILogger logger, int positions, int orders, int caughtUp, int neverPlaced);

        [LoggerMessage(Level = LogLevel.Error, Message = "reconciliation: {Difference}")]
        public static partial void Difference(ILogger logger, string difference);

        [LoggerMessage(Level = LogLevel.Warning, Message = "reconciliation: adopting the broker's account over: {Difference}")]
        public static partial void Adopted(ILogger logger, string difference);

        [LoggerMessage(Level = LogLevel.Information, Message = "orders go to {Gateway}")]
        public static partial void Gateway(ILogger logger, string gateway);

        [LoggerMessage(Level = LogLevel.Warning, Message = "some order requests were still unanswered when the engine stopped; the broker's order book has their fate (the next start reconciles)")]
        public static partial void Unanswered(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "shutting down ({Reason}): intake stopped, draining {Lag} events, then flushing and sealing the journal")]
        public static partial void Stopping(ILogger logger, string reason, long lag);

        [LoggerMessage(Level = LogLevel.Critical, Message = "stage {Stage} failed; the pipeline halted at that event, so nothing after it was acted on")]
        public static partial void Fault(ILogger logger, string stage, Exception error);
    }
}
