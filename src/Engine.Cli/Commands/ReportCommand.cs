using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engine.Host.Reports;

namespace Engine.Cli.Commands;

/// <summary><c>engine report JOURNAL</c>: performance of any journal (sim, paper, live), as text, JSON, a trades CSV and a self-contained HTML page.</summary>
public static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var journal = new Argument<string>("journal") { Description = "The journal folder." };
        var html = new Option<string?>("--html") { Description = "Write the report as one self-contained HTML file (charts inline), which opens offline." };
        var trades = new Option<string?>("--trades") { Description = "Write the round trips as CSV." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (figures, breakdowns, trades) instead of text." };
        var riskFree = new Option<double>("--risk-free") { Description = "Annual risk-free rate in percent for Sharpe and Sortino.", DefaultValueFactory = _ => 0 };
        var command = new Command("report", "Performance of a journal: returns, Sharpe and Sortino, drawdown, trade statistics, breakdowns per strategy and symbol, and every round trip with the inputs to replay it from.") { journal, html, trades, json, riskFree };
        command.SetAction(parse =>
        {
            var history = JournalHistory.Read(parse.GetValue(journal)!);
            var report = PerformanceReport.Of(history, parse.GetValue(riskFree) / 100);
            if (parse.GetValue(html) is { } htmlFile)
            {
                using var writer = new StreamWriter(htmlFile);
                ReportHtml.Write(report, writer);
            }

            if (parse.GetValue(trades) is { } csvFile)
            {
                using var writer = new StreamWriter(csvFile);
                TradesCsv.Write(report.Trades, writer);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
                return 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {report.Journal}: {report.Runs} runs, {report.From ?? "-"} to {report.Until ?? "-"} (market time), {report.TradingDays} trading days"));
            PrintFigures(report);
            if (parse.GetValue(html) is { } written)
            {
                Console.WriteLine($"  html      {Path.GetFullPath(written)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The report's figures and per-strategy lines, as text.</summary>
    internal static void PrintFigures(PerformanceReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"  return    {report.TotalReturn * 100:0.00}% (₹{report.Capital:#,##0.00} to ₹{report.FinalEquity:#,##0.00}); annualised {report.AnnualisedReturn * 100:0.00}%"));
        Console.WriteLine(string.Create(inv, $"  risk      Sharpe {Ratio(report.Sharpe)}, Sortino {Ratio(report.Sortino)} (daily, √252, risk-free {report.RiskFreeRate * 100:0.##}%); max drawdown {report.MaxDrawdown * 100:0.00}% for {TimeSpan.FromSeconds(report.MaxDrawdownSeconds):c}; Calmar {Ratio(report.Calmar)}"));
        Console.WriteLine(string.Create(inv, $"  trades    {report.TradeCount} round trips: win rate {report.WinRate * 100:0.0}%, profit factor {Ratio(report.ProfitFactor)}, expectancy ₹{report.Expectancy:0.00}, average win ₹{report.AverageWin:0.00} / loss ₹{report.AverageLoss:0.00}"));
        if (report.TradingDays is > 0 and < 20)
        {
            Console.WriteLine(string.Create(inv, $"  note      {report.TradingDays} trading days: too few for the annualised figures and the ratios to mean much"));
        }

        Console.WriteLine(string.Create(inv, $"  activity  exposure {report.Exposure * 100:0.0}%, turnover {report.Turnover:0.00}×, charges ₹{report.Charges:#,##0.00}"));
        foreach (var b in report.ByStrategy)
        {
            Console.WriteLine(string.Create(inv, $"  strategy  {b.Name,-20} {b.Trades,5} trades, win {b.WinRate * 100,5:0.0}%, net ₹{b.NetPnl:#,##0.00}"));
        }
    }

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
