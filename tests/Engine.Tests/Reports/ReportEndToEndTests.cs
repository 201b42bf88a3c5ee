using System.Text.Json;
using Engine.Core.Events;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Tests.Cli;
using Engine.Tests.Running;

namespace Engine.Tests.Reports;

/// <summary>
/// <c>engine report</c> on a sim day that ends flat (the square-off closes every position): the
/// round trips' gross P&amp;L adds up to the account's realised P&amp;L as the engine kept it, the JSON,
/// the trades CSV and the HTML agree on the trades, and the HTML carries both charts inline.
/// </summary>
public sealed class ReportEndToEndTests
{
    [Fact]
    public void ADayThatEndsFlatReportsRoundTripsThatAddUpToTheAccountsRealisedPnl()
    {
        using var config = new TestEngineConfig();
        // The engine's market clock runs from its start, 10 market minutes a wall second: an hour
        // before the 15:20 square-off leaves a busy machine 6 s to start up and trade (from 14:50 a
        // fresh-clone run on a loaded machine reached square-off before its first trade).
        File.WriteAllText(config.File, File.ReadAllText(config.File).Replace("market_start: \"09:15\"", "market_start: \"14:20\"", StringComparison.Ordinal));
        var (exit, summary, stdout, stderr) = EngineProcess.RunUntil(
            () => Closed(config.Journal) && EngineRunEndToEndTests.Positions(config.Journal).Values.All(q => q == 0),
            TimeSpan.FromSeconds(120), "run", "--config", config.File);
        Assert.True(exit == 0, stdout + stderr);
        decimal realized = summary.GetProperty("risk").GetProperty("realized_pnl").GetDecimal();

        string html = Path.Combine(config.Folder, "report.html");
        string csv = Path.Combine(config.Folder, "trades.csv");
        var (reportExit, json, reportErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "report", config.Journal, "--json", "--html", html, "--trades", csv);
        Assert.True(reportExit == 0, json + reportErr);
        using var report = JsonDocument.Parse(json);
        var trades = report.RootElement.GetProperty("trade_list").EnumerateArray().ToList();
        Assert.NotEmpty(trades);
        Assert.Equal(realized, trades.Sum(t => t.GetProperty("gross_pnl").GetDecimal()));
        Assert.Equal(trades.Count, report.RootElement.GetProperty("trades").GetInt32());
        Assert.Equal(trades.Count + 1, File.ReadAllLines(csv).Length);
        Assert.All(trades, t => Assert.True(t.GetProperty("exit_input").GetInt64() >= t.GetProperty("entry_input").GetInt64()));

        string page = File.ReadAllText(html);
        Assert.Equal(2, page.Split("<svg").Length - 1);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/", "", StringComparison.Ordinal), StringComparison.Ordinal);   // nothing fetched: it opens offline
        string tradesTable = page[page.IndexOf("<h2>Trades</h2>", StringComparison.Ordinal)..];
        Assert.Equal(trades.Count, tradesTable.Split("<tr><td>").Length - 1);
    }

    private static bool Closed(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.seg*").Any())
        {
            return false;
        }

        try
        {
            return JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true })
                .Any(r => r.Type == RecordType.Timer && (TimerKind)r.Payload.Span[0] == TimerKind.Close);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
