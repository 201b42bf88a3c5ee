using Engine.Host.Configuration;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Tests.Cli;

namespace Engine.Tests.Running;

/// <summary>The engine's YAML configuration: what loads, and how each mistake is reported.</summary>
public sealed class EngineConfigTests
{
    private static readonly StrategyRegistry Registry = StrategyRegistry.CreateWithBuiltins();

    [Fact]
    public void TheShippedConfigurationLoadsWithItsDocumentedDefaults()
    {
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), Registry);
        Assert.Equal(EngineMode.Sim, config.Mode);
        Assert.Null(config.Broker.TickerUrl);   // sim mode starts the simulator in-process
        Assert.Equal(TimeSpan.FromSeconds(3), config.Broker.SettleAtStop);
        Assert.Equal(["trend-large-caps", "rsi-banks"], config.Strategies.Select(s => s.Name));
        Assert.Equal(4096, config.Pipeline.RingSize);
        Assert.Null(config.Pipeline.Placement);   // auto: chosen from the core count
        Assert.Equal(Path.Combine(TestData.RepositoryRoot, "journal"), config.Journal.Folder);
        var byToken = config.Instruments.ToDictionary(i => i.InstrumentToken);
        Assert.Contains(config.Strategies[0].Universe, t => byToken[t].TradingSymbol == "INFY");
        Assert.Contains(config.ExtraInstruments, t => byToken[t].TradingSymbol == "NIFTY 50");
        Assert.True(config.Calendar.IsTradingDay(new DateOnly(2026, 11, 20)));
        Assert.False(config.Calendar.IsTradingDay(new DateOnly(2026, 11, 21)));   // a Saturday
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "unknown key", "strategies:\n  instancez: []\n", "engine.yaml:{0}:3: strategies.instancez: unknown key; allowed here: assemblies, instances" },
        { "bad type", "pipeline:\n  ring_size: lots\n", "engine.yaml:{0}:14: pipeline.ring_size: 'lots' is not allowed; use a whole number from 64 to 16,777,216" },
        { "not a power of two", "pipeline:\n  ring_size: 1000\n", "pipeline.ring_size: '1000' is not allowed; use a power of two" },
        { "bad enum value", "pipeline:\n  placement: sideways\n", "engine.yaml:{0}:14: pipeline.placement: 'sideways' is not allowed; use one of: auto, fused, staged, per-stage" },
        { "bad flag", "pipeline:\n  precompile: sometimes\n", "pipeline.precompile: 'sometimes' is not allowed" },
        { "bad mode", "risk:\n  product: overnight\n", "risk.product: 'overnight' is not allowed; use one of: mis, cnc, nrml" },
        { "missing instruments file", "instruments: nowhere.csv\n", "instruments: file '{dir}/nowhere.csv' does not exist" },
        { "unwritable journal folder", "journal:\n  folder: a-file/journal\n", "journal.folder: '{dir}/a-file' is a file, so the journal folder '{dir}/a-file/journal' cannot be created" },
        { "settle too long", "broker:\n  settle_at_stop: 2m\n", "broker.settle_at_stop: '2m' is not allowed; use 0 to 15s" },
        { "a secret in the file", "broker:\n  access_token: abc123\n", "broker.access_token: secrets do not belong in the configuration file" },
        { "unknown strategy", "strategies:\n  instances:\n    - name: x\n      strategy: moon-phase\n      universe: [INFY]\n", "moon-phase" },
        { "unknown symbol", "strategies:\n  instances:\n    - name: x\n      strategy: rsi-mean-reversion\n      universe: [NOTASTOCK]\n", "NOTASTOCK" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void EachMistakeStopsStartUpWithALocatedMessageExitCode2AndNothingWritten(string what, string yaml, string expected)
    {
        using var config = new TestEngineConfig(strategies: "", extra: "");
        // A YAML mapping may not repeat a key: the mistake replaces the section of the same name.
        string file = Path.Combine(config.Folder, "engine.yaml");
        string baseText = File.ReadAllText(config.File);
        foreach (string section in new[] { "pipeline:", "journal:", "instruments:", "strategies:" })
        {
            if (yaml.StartsWith(section, StringComparison.Ordinal))
            {
                baseText = RemoveSection(baseText, section);
            }
        }

        File.WriteAllText(file, baseText.TrimEnd() + "\n" + yaml);
        File.WriteAllText(Path.Combine(config.Folder, "a-file"), "not a folder");
        int line = baseText.TrimEnd().Split('\n').Length + 2;
        string message = expected.Replace("{0}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{dir}", config.Folder, StringComparison.Ordinal);
        var before = Directory.GetFileSystemEntries(config.Folder).Order().ToArray();

        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "run", "--config", file, "--duration", "2s");
        Assert.True(exit == 2, $"{what}: exit {exit}; {stdout}{stderr}");
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("abc123", stdout + stderr);
        Assert.Equal(before, Directory.GetFileSystemEntries(config.Folder).Order().ToArray());   // no journal, no log
    }

    [Fact]
    public void EveryShippedStrategyExampleLoadsWhenPastedUnderStrategiesInstances()
    {
        string configFolder = Path.Combine(TestData.RepositoryRoot, "config");
        var examples = Directory.GetFiles(Path.Combine(configFolder, "strategies"), "*.yaml");
        Assert.True(examples.Length >= 5);
        foreach (string example in examples)
        {
            // Indented as pasted; relative files resolve against config/, where engine.yaml lives.
            string instance = string.Join('\n', File.ReadAllLines(example).Select(l => "    " + System.Text.RegularExpressions.Regex.Replace(l, @"(\S+\.txt)", m => Path.Combine(configFolder, m.Value))));
            using var config = new TestEngineConfig(strategies: "strategies:\n  instances:\n" + instance + "\n");
            var loaded = EngineConfigLoader.Load(config.File, Registry);
            Assert.True(Assert.Single(loaded.Strategies).Universe.Count > 0, example);
        }
    }

    [Fact]
    public void TheTickersCoreIsNamedBesideTheStagesAndAMisspelledThreadListsEveryName()
    {
        using var config = new TestEngineConfig();
        string text = File.ReadAllText(config.File);
        File.WriteAllText(config.File, text.Replace("  ring_size: 1024\n", "  ring_size: 1024\n  placement: fused\n  cores: { logic: 1, ticker: 0 }\n", StringComparison.Ordinal));
        var loaded = EngineConfigLoader.Load(config.File, Registry);
        Assert.Equal(0, loaded.Pipeline.TickerCore);
        Assert.Equal(new Dictionary<string, int> { ["logic"] = 1 }, loaded.Pipeline.StageCores);

        File.WriteAllText(config.File, text.Replace("  ring_size: 1024\n", "  ring_size: 1024\n  placement: fused\n  cores: { tickr: 0 }\n", StringComparison.Ordinal));
        var error = Assert.Throws<ConfigurationException>(() => EngineConfigLoader.Load(config.File, Registry));
        Assert.Contains(error.Problems, p => p.Contains("pipeline.cores.tickr: no thread of that name in this placement; threads: logic, ticker", StringComparison.Ordinal));

        File.WriteAllText(config.File, text);
        Assert.Null(EngineConfigLoader.Load(config.File, Registry).Pipeline.TickerCore);
    }

    [Fact]
    public void EveryProblemInAFileIsReportedTogether()
    {
        using var config = new TestEngineConfig(extra: "admin:\n  port: 99999\nrisk:\n  colour: yes\n");
        var error = Assert.Throws<ConfigurationException>(() => EngineConfigLoader.Load(config.File, Registry));
        Assert.Contains(error.Problems, p => p.Contains("admin.port: '99999' is not allowed", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("risk.colour: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ACredentialsFileReadableByOthersIsRefusedAndTheEnvironmentComesFirst()
    {
        using var config = new TestEngineConfig();
        string secrets = Path.Combine(config.Folder, "kite.env");
        File.WriteAllText(secrets, "# Kite\nKITE_API_KEY=file_key\nKITE_ACCESS_TOKEN=file_token\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.AppendAllText(config.File, "\nbroker:\n  credentials_file: kite.env\n");
        var loaded = EngineConfigLoader.Load(config.File, Registry) with { Mode = EngineMode.Live };

        var refused = Assert.Throws<ConfigurationException>(() => CredentialsLoader.Load(loaded, _ => null));
        Assert.Contains("can be read or written by others (mode 0640); run: chmod 600", refused.Message);

        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var fromFile = CredentialsLoader.Load(loaded, _ => null);
        Assert.Equal(("file_key", "file_token"), (fromFile.ApiKey, fromFile.AccessToken));
        Assert.DoesNotContain("file_token", fromFile.ToString());

        var fromEnvironment = CredentialsLoader.Load(loaded, name => name switch { "KITE_API_KEY" => "env_key", "KITE_ACCESS_TOKEN" => "env_token", _ => null });
        Assert.Equal(("env_key", "env_token"), (fromEnvironment.ApiKey, fromEnvironment.AccessToken));

        var none = Assert.Throws<ConfigurationException>(() => CredentialsLoader.Load(loaded with { Broker = loaded.Broker with { CredentialsFile = null } }, _ => null));
        Assert.Contains("mode live needs Kite credentials", none.Message);
    }

    [Fact]
    public void PlacementIsChosenFromTheCoreCountWhenNotConfigured()
    {
        Assert.Equal(PipelinePlacement.Fused, Engine.Host.Running.EngineRun.DefaultPlacement(2));
        Assert.Equal(PipelinePlacement.Staged, Engine.Host.Running.EngineRun.DefaultPlacement(4));
        Assert.Equal(PipelinePlacement.PerStage, Engine.Host.Running.EngineRun.DefaultPlacement(16));
    }

    [Fact]
    public void TheDefaultsTheConfigurationReferenceDocumentsAreTheOnesTheLoaderUses()
    {
        string folder = Directory.CreateTempSubdirectory("engine-defaults-").FullName;
        try
        {
            string root = TestData.RepositoryRoot;
            string file = Path.Combine(folder, "engine.yaml");
            File.WriteAllText(file, $"instruments: {root}/config/instruments.csv\nsession_calendar: {root}/config/session-calendar.yaml\n");
            var config = EngineConfigLoader.Load(file, StrategyRegistry.CreateWithBuiltins());
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var actual = new Dictionary<string, string>
            {
                ["mode"] = config.Mode.ToString().ToLowerInvariant(),
                ["subscription.mode"] = config.SubscriptionMode.ToString().ToLowerInvariant(),
                ["simulator.seed"] = config.Simulator.Seed.ToString(inv),
                ["simulator.ticks_per_second"] = config.Simulator.TicksPerSecond.ToString(inv),
                ["simulator.speed"] = config.Simulator.Speed.ToString(inv),
                ["simulator.market_start"] = config.Simulator.MarketStart.ToString("HH:mm", inv),
                ["journal.durability"] = config.Journal.Durability.ToString().ToLowerInvariant(),
                ["journal.segment_mb"] = (config.Journal.SegmentBytes >> 20).ToString(inv),
                ["pipeline.ring_size"] = config.Pipeline.RingSize.ToString(inv),
                ["pipeline.precompile"] = config.Pipeline.Precompile ? "true" : "false",
                ["risk.default_quantity"] = config.Risk.DefaultQuantity.ToString(inv),
                ["risk.product"] = config.Risk.Product.ToString().ToLowerInvariant(),
                ["logging.level"] = config.Logging.Level.ToString().ToLowerInvariant(),
            };

            // The reference table in docs/engine.md: | `key` | default | allowed |
            var documented = File.ReadAllLines(Path.Combine(root, "docs", "engine.md"))
                .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\| `([a-z_.]+)` \| `?([^|`]+?)`? \|"))
                .Where(m => m.Success)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
            foreach (var (key, value) in actual)
            {
                Assert.True(documented.TryGetValue(key, out var doc), $"docs/engine.md does not document {key}");
                Assert.True(doc == value, $"docs/engine.md gives {key} a default of '{doc}'; the loader uses '{value}'");
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static string RemoveSection(string text, string section)
    {
        var lines = text.Split('\n').ToList();
        int start = lines.FindIndex(l => l.StartsWith(section, StringComparison.Ordinal));
        if (start < 0)
        {
            return text;
        }

        int end = start + 1;
        while (end < lines.Count && (lines[end].StartsWith(' ') || lines[end].Length == 0))
        {
            end++;
        }

        lines.RemoveRange(start, end - start);
        return string.Join('\n', lines);
    }
}
