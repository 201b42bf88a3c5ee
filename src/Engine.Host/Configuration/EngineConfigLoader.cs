using System.Globalization;
using Engine.Host.Logging;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Core.Pipeline;
using Engine.Core.Risk;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal.Writing;
using Engine.Kite.Instruments;
using Engine.Ring;
using Serilog.Events;
using YamlDotNet.RepresentationModel;

namespace Engine.Host.Configuration;

/// <summary>
/// Loads and validates the engine's YAML configuration. Every value is checked against what is
/// allowed; every file it names is read (instruments, session calendar, universes, strategy
/// assemblies); every strategy instance is built once to check its parameters. All problems are
/// reported together, each with its file, line, key, value and what is allowed. Secrets are
/// refused: they belong in the environment or a credentials file. Nothing is written.
/// </summary>
public static class EngineConfigLoader
{
    private static readonly string[] SecretKeys = ["api_key", "api_secret", "access_token", "request_token", "password", "secret"];

    private static readonly Dictionary<string, bool> ScheduleDays = new() { ["trading"] = true, ["every"] = false };

    private static readonly Dictionary<string, bool?> Clocks = new() { ["auto"] = null, ["simulator"] = true, ["wall"] = false };

    private static readonly Dictionary<string, EngineMode> Modes = new() { ["sim"] = EngineMode.Sim, ["paper"] = EngineMode.Paper, ["live"] = EngineMode.Live };

    private static readonly Dictionary<string, TickMode> TickModes = new() { ["ltp"] = TickMode.Ltp, ["quote"] = TickMode.Quote, ["full"] = TickMode.Full };

    private static readonly Dictionary<string, DurabilityMode> Durabilities = new()
    {
        ["none"] = DurabilityMode.None, ["batch"] = DurabilityMode.Batch, ["fsync"] = DurabilityMode.Fsync, ["interval"] = DurabilityMode.Interval,
    };

    private static readonly Dictionary<string, PipelinePlacement?> Placements = new()
    {
        ["auto"] = null, ["fused"] = PipelinePlacement.Fused, ["staged"] = PipelinePlacement.Staged, ["per-stage"] = PipelinePlacement.PerStage,
    };

    private static readonly Dictionary<string, WaitStrategyKind?> WaitKinds = new()
    {
        ["auto"] = null, ["busy-spin"] = WaitStrategyKind.BusySpin, ["yielding"] = WaitStrategyKind.Yielding, ["sleeping"] = WaitStrategyKind.Sleeping, ["blocking"] = WaitStrategyKind.Blocking, ["phased"] = WaitStrategyKind.Phased,
    };

    private static readonly Dictionary<string, Product> Products = new() { ["mis"] = Product.Mis, ["cnc"] = Product.Cnc, ["nrml"] = Product.Nrml };

    private static readonly Dictionary<string, LogEventLevel> Levels = new()
    {
        ["debug"] = LogEventLevel.Debug, ["information"] = LogEventLevel.Information, ["warning"] = LogEventLevel.Warning, ["error"] = LogEventLevel.Error,
    };

    /// <summary>Loads <paramref name="path"/>, registering custom strategies into <paramref name="registry"/>.</summary>
    public static EngineConfig Load(string path, StrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(registry);
        var problems = new ConfigurationProblems(path);
        var root = YamlFile.LoadMapping(path, problems);
        RejectSecrets(root, "", problems);
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var top = new YamlSection(root, "", problems);

        var mode = top.Choice("mode", EngineMode.Sim, Modes);
        var clockChoice = top.Choice("market_clock", (bool?)null, Clocks);
        bool simulatorClock = clockChoice ?? mode == EngineMode.Sim;
        if (simulatorClock && mode == EngineMode.Live)
        {
            problems.Add(top.Node("market_clock"), "market_clock", "'simulator' is not allowed in live mode: live trading runs on the wall clock");
        }
        string instrumentsFile = Resolve(folder, top.Text("instruments", "instruments.csv")!);
        var instruments = LoadInstruments(instrumentsFile, top, problems);
        var symbols = new SymbolTable(instruments);

        string calendarFile = Resolve(folder, top.Text("session_calendar", "session-calendar.yaml")!);
        SessionCalendar calendar = SessionCalendar.Nse;
        if (!File.Exists(calendarFile))
        {
            problems.Add(top.Node("session_calendar"), "session_calendar", $"file '{calendarFile}' does not exist");
        }
        else
        {
            try
            {
                calendar = SessionCalendarFile.Load(calendarFile);
            }
            catch (ConfigurationException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    problems.Add(top.Node("session_calendar"), "session_calendar", problem);
                }
            }
        }

        var brokerSection = top.Section("broker");
        string? tickerUrl = brokerSection.Text("ticker_url");
        Uri? ticker = null;
        if (!string.IsNullOrWhiteSpace(tickerUrl))
        {
            if (Uri.TryCreate(tickerUrl, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss")
            {
                ticker = uri;
            }
            else
            {
                problems.Add(brokerSection.Node("ticker_url"), "broker.ticker_url", $"'{tickerUrl}' is not allowed; use a ws:// or wss:// URL");
            }
        }

        string? restUrl = brokerSection.Text("rest_url");
        Uri? rest = null;
        if (!string.IsNullOrWhiteSpace(restUrl))
        {
            if (Uri.TryCreate(restUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                rest = uri;
            }
            else
            {
                problems.Add(brokerSection.Node("rest_url"), "broker.rest_url", $"'{restUrl}' is not allowed; use an http:// or https:// URL");
            }
        }

        string? credentials = brokerSection.Text("credentials_file") is { Length: > 0 } c ? Resolve(folder, c) : null;
        if (credentials is not null && !File.Exists(credentials))
        {
            problems.Add(brokerSection.Node("credentials_file"), "broker.credentials_file", $"file '{credentials}' does not exist");
        }

        TimeSpan? settleAtStop = null;
        if (brokerSection.Text("settle_at_stop") is { } settleText)
        {
            settleAtStop = DurationText.IsZero(settleText) ? TimeSpan.Zero : brokerSection.Duration("settle_at_stop", TimeSpan.FromSeconds(3));
            if (settleAtStop > TimeSpan.FromSeconds(15))
            {
                problems.Add(brokerSection.Node("settle_at_stop"), "broker.settle_at_stop", $"'{settleText}' is not allowed; use 0 to 15s (the gateway's whole drain at a stop is bounded by 15 s)");
            }
        }

        brokerSection.RejectUnknownKeys();

        var subscription = top.Section("subscription");
        var tickMode = subscription.Choice("mode", TickMode.Full, TickModes);
        var extra = ResolveUniverse(subscription, "instruments", symbols, folder);
        subscription.RejectUnknownKeys();

        var sim = top.Section("simulator");
        var simulator = new SimulatorSettings(
            (ulong)sim.Integer("seed", 42, 0, long.MaxValue),
            sim.Number("ticks_per_second", 20, 0.01, 100_000, "ticks per instrument per second"),
            sim.Number("speed", 1, 0.001, 10_000, "market seconds per wall second"),
            sim.Time("market_start", new TimeOnly(9, 15)));
        sim.RejectUnknownKeys();

        var journalSection = top.Section("journal");
        var journal = new JournalSettings(
            Resolve(folder, journalSection.Text("folder", "../journal")!),
            journalSection.Choice("durability", DurabilityMode.Batch, Durabilities),
            journalSection.Integer("segment_mb", 64, 1, 4096, "MiB") * 1024 * 1024,
            journalSection.Text("digest_file", null) is { Length: > 0 } digestFile ? Resolve(folder, digestFile) : null,
            Resolve(folder, journalSection.Text("digest_key", "digest.key")!),
            journalSection.Flag("latency", false));
        journalSection.RejectUnknownKeys();

        var pipelineSection = top.Section("pipeline");
        long ringSize = pipelineSection.Integer("ring_size", TradingPipelineOptions.DefaultRingSize, 64, 1 << 24, "slots, a power of two");
        if (!long.IsPow2(ringSize))
        {
            problems.Add(pipelineSection.Node("ring_size"), "pipeline.ring_size", $"'{ringSize}' is not allowed; use a power of two (e.g. 4096, 16384)");
        }

        var placement = pipelineSection.Choice("placement", null, Placements);
        var wait = pipelineSection.Choice("wait_strategy", null, WaitKinds);
        var cores = ReadCores(pipelineSection, placement);
        bool precompile = pipelineSection.Flag("precompile", true);
        pipelineSection.RejectUnknownKeys();

        var riskSection = top.Section("risk");
        var risk = new RiskGateOptions
        {
            DefaultQuantity = (int)riskSection.Integer("default_quantity", 1, 1, 1_000_000, "lots per order"),
            Product = riskSection.Choice("product", Product.Mis, Products),
            MarketProtection = (short)riskSection.Integer("market_protection", -1, -1, 100, "-1 (the broker chooses) or a percentage 1 to 100"),
        };
        if (risk.MarketProtection == 0)
        {
            problems.Add(riskSection.Node("market_protection"), "risk.market_protection", "'0' is not allowed: Kite rejects MARKET and SL-M API orders without market protection since 1 April 2026; use -1 (the broker chooses) or a percentage 1 to 100");
        }

        risk = LoadSideFile(riskSection, "rules", "risk.rules", folder, "risk.yaml", problems, file => RiskRulesFile.Load(file, risk)) ?? risk;
        riskSection.RejectUnknownKeys();
        var charges = LoadSideFile(top, "charges", "charges", folder, "charges.yaml", problems, ChargeScheduleFile.Load) ?? Core.Charges.ChargeSchedule.Zerodha;

        var strategiesSection = top.Section("strategies");
        var assemblies = new List<string>();
        foreach (var (value, node) in strategiesSection.List("assemblies"))
        {
            string assembly = Resolve(folder, value);
            try
            {
                registry.LoadAssembly(assembly);
                assemblies.Add(assembly);
            }
            catch (StrategyConfigurationException ex)
            {
                problems.Add(node, "strategies.assemblies", ex.Message);
            }
        }

        var strategies = ReadInstances(strategiesSection, symbols, folder, registry);
        strategiesSection.RejectUnknownKeys();

        var logging = top.Section("logging");
        var level = logging.Choice("level", LogEventLevel.Information, Levels);
        string? logFile = logging.Text("file") is { Length: > 0 } f ? Resolve(folder, f) : null;
        logging.RejectUnknownKeys();

        var watchdog = top.Section("feed_watchdog");
        TimeSpan? feedStaleAfter = watchdog.Text("stale_after") is { } staleText && staleText.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)
            ? null
            : watchdog.Duration("stale_after", TimeSpan.FromSeconds(30));
        watchdog.RejectUnknownKeys();

        var alertsSection = top.Section("alerts");
        Uri? webhook = null;
        if (alertsSection.Text("webhook_url") is { Length: > 0 } hook)
        {
            if (Uri.TryCreate(hook, UriKind.Absolute, out var parsedHook) && parsedHook.Scheme is "http" or "https")
            {
                webhook = parsedHook;
            }
            else
            {
                problems.Add(alertsSection.Node("webhook_url"), "alerts.webhook_url", $"'{hook}' is not allowed; use an http:// or https:// URL");
            }
        }

        var emailSection = alertsSection.Section("email");
        EmailAlertSettings? email = null;
        if (emailSection.Text("smtp_host") is { Length: > 0 } smtpHost)
        {
            var to = emailSection.List("to").Select(t => t.Value.Trim()).Where(t => t.Length > 0).ToArray();
            string? from = emailSection.Text("from");
            if (to.Length == 0 || from is not { Length: > 0 })
            {
                problems.Add(emailSection.Mapping, "alerts.email", "needs from and to (a list of addresses) besides smtp_host");
            }

            email = new EmailAlertSettings(
                smtpHost,
                (int)emailSection.Integer("smtp_port", 587, 1, 65535),
                emailSection.Choice("security", "starttls", new Dictionary<string, string> { ["none"] = "none", ["starttls"] = "starttls", ["ssl"] = "ssl" }),
                from ?? "",
                to,
                emailSection.Text("user") is { Length: > 0 } user ? user : null);
        }

        emailSection.RejectUnknownKeys();
        var alerts = new AlertSettings(
            webhook,
            alertsSection.Text("telegram_chat_id") is { Length: > 0 } chat ? chat : null,
            alertsSection.Duration("min_interval", TimeSpan.FromMinutes(1)),
            alertsSection.Duration("disconnected_for", TimeSpan.FromSeconds(30)),
            email);
        alertsSection.RejectUnknownKeys();

        var scheduleSection = top.Section("schedule");
        Running.DailySchedule? schedule = null;
        bool tradingDays = scheduleSection.Choice("days", true, ScheduleDays);
        if (scheduleSection.Text("start", null) is { Length: > 0 } || scheduleSection.Text("stop", null) is { Length: > 0 })
        {
            var start = scheduleSection.Time("start", new TimeOnly(8, 45));
            var stop = scheduleSection.Time("stop", new TimeOnly(15, 45));
            if (stop <= start)
            {
                problems.Add(scheduleSection.Node("stop") ?? scheduleSection.Node("start"), "schedule.stop", $"'{stop:HH:mm}' is not after schedule.start '{start:HH:mm}' (one run per day, within the day)");
            }

            schedule = new Running.DailySchedule(start, stop, tradingDays);
        }

        scheduleSection.RejectUnknownKeys();

        var fillsSection = top.Section("fills");
        Gateways.PaperFillModel? fills = null;
        if (fillsSection.Keys().Count > 0)
        {
            string slippageText = fillsSection.Text("slippage", "0")!;
            var slippage = Gateways.FillSlippage.TryParse(slippageText);
            if (slippage is null)
            {
                problems.Add(fillsSection.Node("slippage"), "fills.slippage", $"'{slippageText}' is not allowed; use a whole number of ticks (2 ticks), basis points of the price (5 bps) or 0");
            }

            fills = new Gateways.PaperFillModel
            {
                Slippage = slippage ?? Gateways.FillSlippage.None,
                Latency = fillsSection.Text("latency") is { } latencyText && DurationText.IsZero(latencyText) ? TimeSpan.Zero : fillsSection.Duration("latency", TimeSpan.Zero),
                Participation = fillsSection.Number("participation", Gateways.PaperFillModel.BacktestDefault.Participation, 0, 1, "a share of the volume traded, 0 to 1 (0: no limit)"),
            };
        }

        fillsSection.RejectUnknownKeys();

        var admin = top.Section("admin");
        int? adminPort = admin.Node("port") is null ? null : (int)admin.Integer("port", 0, 0, 65535);
        string adminTokenFile = Resolve(folder, admin.Text("token_file", "admin.token")!);
        string? adminSocket = admin.Text("socket", null) is { Length: > 0 } socketPath ? Resolve(folder, socketPath) : null;
        admin.RejectUnknownKeys();

        top.RejectUnknownKeys();
        if (mode != EngineMode.Sim && ticker is null)
        {
            ticker = new Uri("wss://ws.kite.trade/");
        }

        problems.ThrowIfAny();
        return new EngineConfig
        {
            SourceFile = System.IO.Path.GetFullPath(path),
            Mode = mode,
            SimulatorClock = simulatorClock,
            InstrumentsFile = instrumentsFile,
            Instruments = instruments,
            CalendarFile = calendarFile,
            Calendar = calendar,
            Broker = new BrokerSettings(ticker, credentials, rest, settleAtStop),
            SubscriptionMode = tickMode,
            ExtraInstruments = extra,
            Simulator = simulator,
            Journal = journal,
            Pipeline = new PipelineSettings((int)ringSize, placement, wait, cores, precompile),
            Risk = risk,
            Charges = charges,
            StrategyAssemblies = assemblies,
            Strategies = strategies,
            Logging = new LoggingSettings(level, logFile),
            AdminPort = adminPort,
            FeedStaleAfter = feedStaleAfter,
            Alerts = alerts,
            AdminTokenFile = adminTokenFile,
            AdminSocket = adminSocket,
            Schedule = schedule,
            Fills = fills,
        };
    }

    // A file beside the configuration: named, it must exist; not named, the default file is read
    // if it is there, and the built-in values hold if not. Its problems are reported at the key.
    private static T? LoadSideFile<T>(YamlSection section, string key, string path, string folder, string defaultName, ConfigurationProblems problems, Func<string, T> load)
        where T : class
    {
        string? named = section.Text(key);
        string file = Resolve(folder, named is { Length: > 0 } ? named : defaultName);
        if (!File.Exists(file))
        {
            if (named is { Length: > 0 })
            {
                problems.Add(section.Node(key), path, $"file '{file}' does not exist");
            }

            return null;
        }

        try
        {
            return load(file);
        }
        catch (ConfigurationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                // Each problem names its own file, line and column.
                problems.Add(null, path, problem);
            }

            return null;
        }
    }

    /// <summary>A path from the configuration: relative paths are relative to the configuration file's folder.</summary>
    public static string Resolve(string folder, string path) =>
        System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(folder, path));

    private static IReadOnlyList<Instrument> LoadInstruments(string file, YamlSection top, ConfigurationProblems problems)
    {
        if (!File.Exists(file))
        {
            problems.Add(top.Node("instruments"), "instruments", $"file '{file}' does not exist");
            return [];
        }

        try
        {
            var instruments = KiteInstrumentsCsv.Load(file);
            if (instruments.Count == 0)
            {
                problems.Add(top.Node("instruments"), "instruments", $"file '{file}' lists no instruments");
            }

            return instruments;
        }
        catch (FormatException ex)
        {
            problems.Add(top.Node("instruments"), "instruments", ex.Message);
            return [];
        }
    }

    private static Dictionary<string, int> ReadCores(YamlSection pipeline, PipelinePlacement? placement)
    {
        var section = pipeline.Section("cores");
        var cores = new Dictionary<string, int>();
        if (section.Mapping is null)
        {
            return cores;
        }

        var allowed = (placement is { } p ? TradingPipeline.ThreadNames(p) : ["logic", "signals", "risk", "journal", "router"]).Append(PipelineSettings.TickerThread).ToArray();
        foreach (var (key, _) in section.Mapping.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
            {
                section.Node(name);
                pipeline.Problems.Add(key, section.KeyPath(name), $"no thread of that name in this placement; threads: {string.Join(", ", allowed)}");
                continue;
            }

            cores[name] = (int)section.Integer(name, 0, 0, 1023, "(a core number)");
        }

        return cores;
    }

    private static List<StrategySpec> ReadInstances(YamlSection strategies, SymbolTable symbols, string folder, StrategyRegistry registry)
    {
        var specs = new List<StrategySpec>();
        var node = strategies.Node("instances");
        if (node is null)
        {
            return specs;
        }

        if (node is not YamlSequenceNode sequence)
        {
            strategies.Problems.Add(node, strategies.KeyPath("instances"), "expected a list of strategy instances (each '- name: ...')");
            return specs;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            string path = strategies.KeyPath($"instances[{i}]");
            if (item is not YamlMappingNode mapping)
            {
                strategies.Problems.Add(item, path, "expected a mapping with name, strategy, universe and parameters");
                continue;
            }

            var instance = new YamlSection(mapping, path, strategies.Problems);
            string? name = instance.Text("name");
            string? strategy = instance.Text("strategy");
            string? version = instance.Text("version");
            if (string.IsNullOrWhiteSpace(name))
            {
                strategies.Problems.Add(mapping, path + ".name", "missing; every instance needs a unique name");
                name = $"#{i}";
            }
            else if (!names.Add(name))
            {
                strategies.Problems.Add(instance.Node("name"), path + ".name", $"'{name}' is used by an earlier instance; names must be unique");
            }

            if (string.IsNullOrWhiteSpace(strategy))
            {
                strategies.Problems.Add(mapping, path + ".strategy", $"missing; registered strategies: {string.Join(", ", registry.Available.Select(d => d.Name).Distinct())}");
                continue;
            }

            var universe = ResolveUniverse(instance, "universe", symbols, folder);
            if (universe.Count == 0 && instance.Node("universe") is null)
            {
                strategies.Problems.Add(mapping, path + ".universe", "missing; list trading symbols, or name a file of them");
            }

            var parameters = ReadParameters(instance.Section("parameters"), folder);
            instance.RejectUnknownKeys();
            try
            {
                registry.Create(strategy, version, parameters, name);
            }
            catch (StrategyConfigurationException ex)
            {
                strategies.Problems.Add(mapping, path, ex.Message);
                continue;
            }

            specs.Add(new StrategySpec(name, strategy, version, universe, parameters));
        }

        return specs;
    }

    private static Dictionary<string, object?> ReadParameters(YamlSection section, string folder)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (section.Mapping is null)
        {
            return parameters;
        }

        foreach (var (key, value) in section.Mapping.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? "";
            switch (value)
            {
                case YamlScalarNode scalar when scalar.Value is { } text && text.EndsWith(".txt", StringComparison.OrdinalIgnoreCase):
                    string file = Resolve(folder, text);
                    if (File.Exists(file))
                    {
                        parameters[name] = ReadListFile(file).Cast<object?>().ToList();
                    }
                    else
                    {
                        section.Problems.Add(value, section.KeyPath(name), $"file '{file}' does not exist");
                    }

                    break;
                case YamlScalarNode scalar:
                    parameters[name] = scalar.Value;
                    break;
                case YamlSequenceNode sequence:
                    parameters[name] = sequence.Children.Select(c => (object?)((c as YamlScalarNode)?.Value ?? c.ToString())).ToList();
                    break;
                default:
                    section.Problems.Add(value, section.KeyPath(name), "expected a value or a list of values");
                    break;
            }
        }

        return parameters;
    }

    private static List<uint> ResolveUniverse(YamlSection section, string key, SymbolTable symbols, string folder)
    {
        var tokens = new List<uint>();
        foreach (var (value, node) in section.List(key))
        {
            IEnumerable<string> items = [value];
            if (value.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            {
                string file = Resolve(folder, value);
                if (!File.Exists(file))
                {
                    section.Problems.Add(node, section.KeyPath(key), $"file '{file}' does not exist");
                    continue;
                }

                items = ReadListFile(file);
            }

            foreach (string item in items)
            {
                if (symbols.TryResolve(item, out uint token, out string? problem))
                {
                    if (!tokens.Contains(token))
                    {
                        tokens.Add(token);
                    }
                }
                else
                {
                    section.Problems.Add(node, section.KeyPath(key), problem!);
                }
            }
        }

        return tokens;
    }

    private static List<string> ReadListFile(string file) =>
        File.ReadLines(file)
            .Select(line => (line.IndexOf('#', StringComparison.Ordinal) is int hash and >= 0 ? line[..hash] : line).Trim())
            .Where(line => line.Length > 0)
            .ToList();

    private static void RejectSecrets(YamlNode? node, string path, ConfigurationProblems problems)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    string name = (key as YamlScalarNode)?.Value ?? "";
                    string keyPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (SecretKeys.Contains(name.ToLowerInvariant()))
                    {
                        problems.Add(key, keyPath, "secrets do not belong in the configuration file; set KITE_API_KEY, KITE_API_SECRET and KITE_ACCESS_TOKEN in the environment, or name a credentials file (mode 0600) in broker.credentials_file");
                    }
                    else
                    {
                        RejectSecrets(value, keyPath, problems);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    RejectSecrets(child, path, problems);
                }

                break;
        }
    }

    /// <summary>Trading symbols to tokens: <c>INFY</c>, <c>NSE:INFY</c> or a token number.</summary>
    private sealed class SymbolTable
    {
        private readonly Dictionary<string, List<Instrument>> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Instrument> _byKey = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<uint> _tokens = [];

        public SymbolTable(IReadOnlyList<Instrument> instruments)
        {
            foreach (var instrument in instruments)
            {
                if (!_bySymbol.TryGetValue(instrument.TradingSymbol, out var list))
                {
                    _bySymbol[instrument.TradingSymbol] = list = [];
                }

                list.Add(instrument);
                _byKey[instrument.Key] = instrument;
                _tokens.Add(instrument.InstrumentToken);
            }
        }

        public bool TryResolve(string item, out uint token, out string? problem)
        {
            problem = null;
            token = 0;
            item = item.Trim();
            if (uint.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out token))
            {
                if (_tokens.Contains(token))
                {
                    return true;
                }

                problem = $"instrument token {token} is not in the instruments file";
                return false;
            }

            if (_byKey.TryGetValue(item, out var byKey))
            {
                token = byKey.InstrumentToken;
                return true;
            }

            if (_bySymbol.TryGetValue(item, out var matches))
            {
                if (matches.Count == 1)
                {
                    token = matches[0].InstrumentToken;
                    return true;
                }

                problem = $"'{item}' is listed on several exchanges; write one of {string.Join(", ", matches.Select(m => m.Key))}";
                return false;
            }

            problem = $"'{item}' is not a trading symbol in the instruments file";
            return false;
        }
    }
}
