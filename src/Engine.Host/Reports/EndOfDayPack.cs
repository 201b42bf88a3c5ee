using System.Text.Json;
using Engine.Host.Running;

namespace Engine.Host.Reports;

/// <summary>
/// What the daemon leaves in the journal folder at each day's close, in <c>eod/YYYY-MM-DD/</c>:
/// the day's run as a report (<c>report.html</c>, <c>report.json</c>), its round trips
/// (<c>trades.csv</c>), and <c>head.txt</c> with the journal's head hash and where it is signed.
/// </summary>
public static class EndOfDayPack
{
    /// <summary>Writes the pack for the run <paramref name="summary"/> describes, on <paramref name="day"/>; returns its folder.</summary>
    public static string Write(EngineRunSummary summary, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string folder = Path.Combine(summary.Journal, "eod", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var report = PerformanceReport.Of(JournalHistory.Read(summary.Journal, summary.FirstInputSequence));
        using (var html = new StreamWriter(Path.Combine(folder, "report.html")))
        {
            ReportHtml.Write(report, html);
        }

        using (var csv = new StreamWriter(Path.Combine(folder, "trades.csv")))
        {
            TradesCsv.Write(report.Trades, csv);
        }

        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report));
        File.WriteAllLines(Path.Combine(folder, "head.txt"),
        [
            $"journal {summary.Journal}",
            $"run from input {summary.FirstInputSequence}: {summary.Reason}, {summary.JournalRecords} records",
            summary.JournalHead is null ? "head: no segment sealed" : $"head: segment {summary.JournalHeadSegment} sha256 {summary.JournalHead}",
            summary.Digest is null ? "digest: none" : $"signed into {summary.Digest} (verify: journal verify {summary.Journal} --digest {summary.Digest} --key {summary.DigestKey})",
        ]);
        return folder;
    }
}
