using System.CommandLine;
using System.Text.Json;
using Engine.Journal.Verification;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal verify</c>: exit 0 only when every check holds.</summary>
public static class VerifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("journal") { Description = "The journal folder." };
        var archive = new Option<string?>("--archive") { Description = "Also verify the segments moved to this archive folder." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("verify", "Check CRCs, record and sequence continuity, the hash chain across segments, headers and schemas. Exit 0 only if all hold; a torn tail of the active segment is a warning.") { folder, archive, json };
        command.SetAction(parse =>
        {
            using var progress = new Progress();
            long records = 0;
            var report = JournalVerifier.Verify(parse.GetValue(folder)!, parse.GetValue(archive), (i, n, _) => progress.Report(i, n, records));
            progress.Dispose();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    ok = report.Ok,
                    journal_id = report.JournalId,
                    segments = report.Segments,
                    records = report.Records,
                    records_by_type = report.RecordsByType,
                    errors = report.Errors.Select(e => new { segment = e.Segment, offset = e.Offset, record = e.RecordNumber, sequence = e.Sequence, message = e.Message }),
                    warnings = report.Warnings.Select(e => new { segment = e.Segment, offset = e.Offset, record = e.RecordNumber, sequence = e.Sequence, message = e.Message }),
                }));
            }
            else
            {
                foreach (var error in report.Errors)
                {
                    Console.Out.WriteLine($"error: {error}");
                }

                foreach (var warning in report.Warnings)
                {
                    Console.Out.WriteLine($"warning: {warning}");
                }

                string types = string.Join(", ", report.RecordsByType.Select(p => $"{p.Key} {p.Value:N0}"));
                Console.Out.WriteLine(report.Ok
                    ? $"OK: journal {report.JournalId}: {report.Segments} segments, {report.Records:N0} records ({types}); CRCs, continuity and hash chain hold{(report.Warnings.Count > 0 ? $"; {report.Warnings.Count} warnings" : "")}"
                    : $"FAILED: {report.Errors.Count} errors in {report.Segments} segments, {report.Records:N0} records checked");
            }

            return report.Ok ? 0 : 1;
        });
        return command;
    }
}
