using Engine.Core.Risk;

namespace Engine.Host.Configuration;

/// <summary>
/// Reads <c>config/risk.yaml</c>, the risk engine's rule set, with every problem located by line
/// and column, and the sector file it names. Amounts are rupees in the file and paise in the rules.
/// </summary>
public static class RiskRulesFile
{
    private static readonly Dictionary<string, SizingMethod> Methods = new(StringComparer.Ordinal)
    {
        ["fixed"] = SizingMethod.Fixed,
        ["fixed_fraction"] = SizingMethod.FixedFraction,
        ["atr"] = SizingMethod.Atr,
        ["kelly"] = SizingMethod.Kelly,
    };

    /// <summary>Loads <paramref name="path"/> over <paramref name="orders"/> (the order shape from engine.yaml).</summary>
    public static RiskGateOptions Load(string path, RiskGateOptions orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var problems = new ConfigurationProblems(path);
        var root = YamlFile.LoadMapping(path, problems);
        var rules = Read(new YamlSection(root, "", problems), orders, Path.GetDirectoryName(Path.GetFullPath(path))!);
        problems.ThrowIfAny();
        return rules;
    }

    /// <summary>
    /// Reads a rule set sent as text (an operator's change while running), <paramref name="source"/>
    /// naming it in the problems; a sector file is relative to <paramref name="folder"/>.
    /// </summary>
    public static RiskGateOptions ReadText(string yaml, RiskGateOptions orders, string folder, string source)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var problems = new ConfigurationProblems(source);
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        try
        {
            stream.Load(new StringReader(yaml ?? ""));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            problems.Add(null, "", $"line {ex.Start.Line}, column {ex.Start.Column}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
            problems.ThrowIfAny();
        }

        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlDotNet.RepresentationModel.YamlMappingNode : null;
        if (root is null)
        {
            problems.Add(null, "", "expected a rule set: a mapping of keys as in risk.yaml");
            problems.ThrowIfAny();
        }

        var rules = Read(new YamlSection(root, "", problems), orders, folder);
        problems.ThrowIfAny();
        return rules;
    }

    internal static RiskGateOptions Read(YamlSection top, RiskGateOptions orders, string folder)
    {
        var d = new RiskGateOptions();
        int version = (int)top.Integer("version", 1, 1, int.MaxValue, "the rule set's version");
        long capital = Rupees(top, "capital", orders.Capital, 1);

        var s = top.Section("sizing");
        var sizing = new SizingOptions
        {
            Method = s.Choice("method", d.Sizing.Method, Methods),
            Lots = orders.Sizing.Lots,
            MaxLots = (int)s.Integer("max_lots", d.Sizing.MaxLots, 1, 1_000_000, "lots"),
            RiskPercent = s.Number("risk_percent", d.Sizing.RiskPercent, 0.001, 100, "percent of equity"),
            AtrMultiple = s.Number("atr_multiple", d.Sizing.AtrMultiple, 0.01, 100, "ATRs"),
            AtrBarSeconds = (int)Math.Round(s.Duration("atr_bar", TimeSpan.FromSeconds(d.Sizing.AtrBarSeconds)).TotalSeconds),
            AtrPeriods = (int)s.Integer("atr_periods", d.Sizing.AtrPeriods, 1, 1000, "bars"),
            KellyFraction = s.Number("kelly_fraction", d.Sizing.KellyFraction, 0.01, 1, "of the full Kelly bet"),
            KellyCapPercent = s.Number("kelly_cap_percent", d.Sizing.KellyCapPercent, 0.01, 100, "percent of equity"),
            KellyMinTrades = (int)s.Integer("kelly_min_trades", d.Sizing.KellyMinTrades, 1, 1_000_000, "round trips"),
        };
        if (sizing.AtrBarSeconds < 1)
        {
            s.Problems.Add(s.Node("atr_bar"), s.KeyPath("atr_bar"), "must be at least 1s");
        }

        s.RejectUnknownKeys();

        var e = top.Section("exposure");
        string? sectorsFile = e.Text("sectors_file") is { Length: > 0 } file ? Path.IsPathRooted(file) ? file : Path.Combine(folder, file) : null;
        var exposure = new ExposureLimits
        {
            MaxOrderQuantity = e.Integer("max_order_quantity", 0, 0, long.MaxValue / 4, "units (0: off)"),
            MaxOrderValue = Rupees(e, "max_order_value", 0),
            MaxPositionValue = Rupees(e, "max_position_value", 0),
            MaxSectorValue = Rupees(e, "max_sector_value", 0),
            MaxOpenPositions = (int)e.Integer("max_open_positions", 0, 0, 100_000, "instruments (0: off)"),
            MaxGrossExposure = Rupees(e, "max_gross_exposure", 0),
            MaxNetExposure = Rupees(e, "max_net_exposure", 0),
            Sectors = sectorsFile is null ? new Dictionary<string, string>() : LoadSectors(sectorsFile, e),
        };
        e.RejectUnknownKeys();

        var p = top.Section("price");
        var price = new PriceLimits
        {
            CircuitBandPercent = p.Number("circuit_band_percent", d.Price.CircuitBandPercent, 0, 100, "percent (0: off)"),
            FatFingerPercent = p.Number("fat_finger_percent", d.Price.FatFingerPercent, 0, 100, "percent (0: off)"),
        };
        p.RejectUnknownKeys();

        var l = top.Section("loss");
        var loss = new LossLimits
        {
            DailyLoss = Rupees(l, "daily_loss", 0),
            DailyLossPercent = l.Number("daily_loss_percent", 0, 0, 100, "percent of the day's starting equity (0: off)"),
            DailyResetTime = l.Time("daily_reset", d.Loss.DailyResetTime),
            MaxLoss = Rupees(l, "max_loss", 0),
            TrailingDrawdown = Rupees(l, "trailing_drawdown", 0),
            DrawdownIncludesUnrealized = l.Flag("drawdown_includes_unrealized", d.Loss.DrawdownIncludesUnrealized),
            MaxConsecutiveLosses = (int)l.Integer("max_consecutive_losses", 0, 0, 10_000, "round trips (0: off)"),
            CoolOff = l.Duration("cool_off", d.Loss.CoolOff),
        };
        l.RejectUnknownKeys();

        var b = top.Section("budgets");
        var budgets = new OrderBudgetLimits
        {
            PerSecond = (int)b.Integer("orders_per_second", d.Budgets.PerSecond, 0, 100_000, "orders (0: off)"),
            PerMinute = (int)b.Integer("orders_per_minute", d.Budgets.PerMinute, 0, 1_000_000, "orders (0: off)"),
            PerDay = (int)b.Integer("orders_per_day", d.Budgets.PerDay, 0, 10_000_000, "orders (0: off)"),
            SebiPerSecond = (int)b.Integer("sebi_orders_per_second", d.Budgets.SebiPerSecond, 0, 100_000, "orders (0: off)"),
            ModificationsPerOrder = (int)b.Integer("modifications_per_order", d.Budgets.ModificationsPerOrder, 0, 10_000, "modifications (0: off)"),
        };
        b.RejectUnknownKeys();

        var t = top.Section("states");
        var states = new TradingStateOptions
        {
            CautionAt = t.Number("caution_at", d.States.CautionAt, 0.01, 1, "share of a limit"),
            CriticalAt = t.Number("critical_at", d.States.CriticalAt, 0.01, 1, "share of a limit"),
            FlattenOnHalt = t.Flag("flatten_on_halt", d.States.FlattenOnHalt),
            ReduceOnStaleFeed = t.Flag("reduce_on_stale_feed", d.States.ReduceOnStaleFeed),
            SnapshotInterval = t.Duration("snapshot_interval", d.States.SnapshotInterval),
        };
        if (states.CriticalAt < states.CautionAt)
        {
            t.Problems.Add(t.Node("critical_at"), t.KeyPath("critical_at"), $"must not be below caution_at ({states.CautionAt})");
        }

        t.RejectUnknownKeys();
        top.RejectUnknownKeys();
        return orders with
        {
            Version = version,
            Capital = capital,
            Sizing = sizing,
            Exposure = exposure,
            Price = price,
            Loss = loss,
            Budgets = budgets,
            States = states,
        };
    }

    private static long Rupees(YamlSection section, string key, long defaultPaise, double min = 0) =>
        (long)Math.Round(section.Number(key, defaultPaise / 100.0, min, 1e13, "rupees" + (min == 0 ? " (0: off)" : "")) * 100);

    private static Dictionary<string, string> LoadSectors(string path, YamlSection from)
    {
        var sectors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            from.Problems.Add(from.Node("sectors_file"), from.KeyPath("sectors_file"), $"'{path}' does not exist");
            return sectors;
        }

        var problems = new ConfigurationProblems(path);
        var section = new YamlSection(YamlFile.LoadMapping(path, problems), "", problems);
        foreach (string sector in section.Keys())
        {
            foreach (var (symbol, node) in section.List(sector))
            {
                if (!sectors.TryAdd(symbol.Trim(), sector))
                {
                    problems.Add(node, sector, $"'{symbol}' is already in sector '{sectors[symbol.Trim()]}'; a symbol belongs to one sector");
                }
            }
        }

        problems.ThrowIfAny();
        return sectors;
    }
}
