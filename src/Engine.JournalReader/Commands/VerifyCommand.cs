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
        var digest = new Option<string?>("--digest") { Description = "Also prove the journal is the one this digest file vouched for (the engine appends a signed head hash at every seal)." };
        var key = new Option<string?>("--key") { Description = "The digest's HMAC key file (0600), for --digest." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("verify", "Check CRCs, record and sequence continuity, the hash chain across segments, headers and schemas, and with --digest the signed heads. Exit 0 only if all hold; a torn tail of the active segment is a warning.") { folder, archive, digest, key, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(digest) is not null && parse.GetValue(key) is null)
            {
                Console.Error.WriteLine("error: --digest needs --key FILE, the key the engine signed it with (journal.digest_key)");
                return 2;
            }

            using var progress = new Progress();
            long records = 0;
            var report = JournalVerifier.Verify(parse.GetValue(folder)!, parse.GetValue(archive), (i, n, _) => progress.Report(i, n, records));
            progress.Dispose();
            DigestCheck? vouched = parse.GetValue(digest) is { } digestFile
                ? JournalDigest.Verify(parse.GetValue(folder)!, digestFile, JournalDigest.LoadKey(parse.GetValue(key)!))
                : null;
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
                    digest = vouched is null ? null : new { ok = vouched.Ok, heads = vouched.Entries, last_segment = vouched.Last?.Segment, last_sha256 = vouched.Last?.Sha256, errors = vouched.Errors, warnings = vouched.Warnings },
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
                if (vouched is not null)
                {
                    foreach (string error in vouched.Errors)
                    {
                        Console.Out.WriteLine($"digest error: {error}");
                    }

                    foreach (string warning in vouched.Warnings)
                    {
                        Console.Out.WriteLine($"digest warning: {warning}");
                    }

                    Console.Out.WriteLine(vouched.Ok
                        ? $"OK: the digest vouches for this journal: {vouched.Entries} signed heads, the last segment {vouched.Last!.Segment} sha256 {vouched.Last.Sha256} (sealed {vouched.Last.SealedAt:u})"
                        : $"FAILED: this is not the journal the digest vouched for ({vouched.Errors.Count} errors)");
                }
            }

            return report.Ok && vouched is not { Ok: false } ? 0 : 1;
        });
        return command;
    }
}
