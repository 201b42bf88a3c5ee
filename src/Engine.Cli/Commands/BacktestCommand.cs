using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engine.Host.Backtests;
using Engine.Host.Configuration;
using Engine.Host.Gateways;
using Engine.Host.Reports;

namespace Engine.Cli.Commands;

/// <summary><c>engine backtest</c>: historical bars through the live pipeline with the paper broker, into a journal, with its report; or a parameter sweep of such runs.</summary>
public static class BacktestCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A bar file (CSV as date,open,high,low,close,volume, or Kite's historical candles JSON) or a folder of them named EXCHANGE-SYMBOL-INTERVAL.csv, as engine history writes.", Required = true };
        var config = new Option<string>("--config") { Description = "The engine configuration: strategies, risk rules, charges, calendar, instruments, fills.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var instrument = new Option<string?>("--instrument") { Description = "The instrument a single --data file's bars are of (EXCHANGE:SYMBOL), when its name does not say." };
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd (IST)." };
        var until = new Option<string?>("--until") { Description = "Last day, yyyy-MM-dd (IST)." };
        var journal = new Option<string?>("--journal") { Description = "The new journal's folder (default: backtests/UTC-TIME beside the configuration's folder); it must not hold a journal." };
        var set = new Option<string[]>("--set") { Description = "A strategy parameter over the configuration's: NAME=VALUE for every instance that has it, INSTANCE.NAME=VALUE for one. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var slippage = new Option<string?>("--slippage") { Description = "Slippage of every fill: N ticks, N bps, or 0 (default: fills.slippage, or 0)." };
        var latency = new Option<string?>("--latency") { Description = "From the router to the matching book, e.g. 50ms (default: fills.latency, or 0)." };
        var participation = new Option<double?>("--participation") { Description = "The share of each tick's traded volume fills may take, 0 to 1; 0 for no limit (default: fills.participation, or 0.1)." };
        var html = new Option<string?>("--html") { Description = "Write the report as one self-contained HTML file." };
        var trades = new Option<string?>("--trades") { Description = "Write the round trips as CSV." };
        var json = new Option<bool>("--json") { Description = "Print the run and its report as JSON." };
        var stampStages = new Option<bool>("--stamp-stages") { Description = "Stamp each input's stages and journal a latency record after it, for journal latency (the clock's stamps make the journal's bytes differ between identical backtests)." };
        var riskFree = new Option<double>("--risk-free") { Description = "Annual risk-free rate in percent for Sharpe and Sortino.", DefaultValueFactory = _ => 0 };
        var sweep = new Option<string[]>("--sweep") { Description = "A parameter grid: NAME=FROM..TO:STEP or NAME=A,B,C (INSTANCE.NAME for one instance); several multiply. Each point runs as its own process.", AllowMultipleArgumentsPerToken = true };
        var rank = new Option<string>("--rank") { Description = "The sweep's ranking metric: sharpe, sortino, total_return, calmar, profit_factor, max_drawdown (smallest first), trades.", DefaultValueFactory = _ => "sharpe" };
        var parallel = new Option<int>("--parallel") { Description = "Sweep points run at once (default: the machine's cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("backtest", "Run the strategies over historical bars through the very pipeline a live run uses: bars become ticks, the paper broker fills (slippage, latency, volume participation), the risk gate and charges apply, and a journal is written that replay --verify and report read. With --sweep, a grid of such runs ranked by a metric.")
        {
            data, config, instrument, from, until, journal, set, slippage, latency, participation, html, trades, json, stampStages, riskFree, sweep, rank, parallel,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string configFile = parse.GetValue(config)!;
            string journalFolder = parse.GetValue(journal) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? ".", "..", "backtests", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var overrides = (parse.GetValue(set) ?? []).Select(ParameterOverride.Parse).ToArray();
            if (parse.GetValue(sweep) is { Length: > 0 } grid)
            {
                return await BacktestSweep.RunAsync(
                    new BacktestSweepOptions
                    {
                        Grid = SweepGrid.Parse(grid),
                        Rank = SweepMetric.Parse(parse.GetValue(rank)!),
                        Parallel = Math.Max(1, parse.GetValue(parallel)),
                        Folder = journalFolder,
                        Fixed = overrides,
                        // Every point gets the same command line but for its parameters and journal.
                        Arguments = ForwardedArguments(parse, data, config, instrument, from, until, slippage, latency, participation, riskFree),
                        Json = parse.GetValue(json),
                    },
                    Console.Out,
                    Console.Error,
                    cancellationToken);
            }

            var options = new BacktestOptions
            {
                ConfigFile = configFile,
                Data = parse.GetValue(data)!,
                Instrument = parse.GetValue(instrument),
                From = Day(parse.GetValue(from), "--from"),
                Until = Day(parse.GetValue(until), "--until"),
                Journal = journalFolder,
                Overrides = overrides,
                Fills = FillsFrom(configFile, parse.GetValue(slippage), parse.GetValue(latency), parse.GetValue(participation)),
                StampStages = parse.GetValue(stampStages),
                Progress = Console.Error,
                ProgressIsTerminal = !Console.IsErrorRedirected,
            };
            var summary = await Task.Run(() => BacktestRun.Run(options, cancellationToken), cancellationToken);
            var report = PerformanceReport.Of(JournalHistory.Read(summary.Journal), parse.GetValue(riskFree) / 100);
            if (parse.GetValue(html) is { } htmlFile)
            {
                await using var writer = new StreamWriter(htmlFile);
                ReportHtml.Write(report, writer);
            }

            if (parse.GetValue(trades) is { } csvFile)
            {
                await using var writer = new StreamWriter(csvFile);
                TradesCsv.Write(report.Trades, writer);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new BacktestResult(summary, report), Json));
                return 0;
            }

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"backtest: {string.Join(", ", summary.Instruments)}, {summary.From} to {summary.Until} ({summary.Days} days): {summary.Bars:N0} bars as {summary.Ticks:N0} ticks, {summary.Inputs:N0} inputs in {summary.Seconds:F2} s ({summary.BarsPerSecond:N0} bars/s, {summary.TicksPerSecond:N0} ticks/s)"));
            Console.WriteLine(string.Create(inv, $"  fills     {summary.Fills}{(summary.Parameters.Count > 0 ? "; parameters " + string.Join(" ", summary.Parameters) : "")}"));
            Console.WriteLine(string.Create(inv, $"  orders    {summary.Intents:N0} intents, {summary.Orders:N0} orders to the paper broker"));
            ReportCommand.PrintFigures(report);
            Console.WriteLine($"  journal   {summary.Journal}");
            if (parse.GetValue(html) is { } written)
            {
                Console.WriteLine($"  html      {Path.GetFullPath(written)}");
            }

            Console.WriteLine($"  next      ./run.sh engine replay {summary.Journal} --verify   (the same decisions, re-derived)");
            Console.WriteLine($"            ./run.sh engine report {summary.Journal} --html report.html");
            return 0;
        });
        return command;
    }

    /// <summary>The fill model from the options over the configuration's; null when no option is given.</summary>
    private static PaperFillModel? FillsFrom(string configFile, string? slippage, string? latency, double? participation)
    {
        if (slippage is null && latency is null && participation is null)
        {
            return null;
        }

        var configured = EngineConfigLoader.Load(configFile, Engine.Core.Strategies.StrategyRegistry.CreateWithBuiltins()).Fills ?? PaperFillModel.BacktestDefault;
        if (participation is < 0 or > 1)
        {
            throw new FormatException($"--participation: '{participation}' is not a share from 0 to 1");
        }

        return configured with
        {
            Slippage = slippage is null ? configured.Slippage : FillSlippage.TryParse(slippage) ?? throw new FormatException($"--slippage: '{slippage}' is not N ticks, N bps or 0"),
            Latency = latency is null ? configured.Latency : DurationText.ParseOrZero(latency, "--latency"),
            Participation = participation ?? configured.Participation,
        };
    }

    private static List<string> ForwardedArguments(ParseResult parse, params Option[] options)
    {
        var arguments = new List<string>();
        foreach (var option in options)
        {
            var result = parse.GetResult(option);
            if (result is null || result.Implicit)
            {
                continue;
            }

            foreach (var token in result.Tokens)
            {
                arguments.Add(option.Name);
                arguments.Add(token.Value);
            }
        }

        return arguments;
    }

    private static DateOnly? Day(string? text, string option) => text is null ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new FormatException($"{option}: '{text}' is not a date (yyyy-MM-dd)");
}
