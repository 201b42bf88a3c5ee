using System.Text.Json;
using Engine.Journal.Archiving;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Journal.Verification;

/// <summary>
/// Checks a whole journal: every record's CRC, record numbers without gaps, input sequences without
/// gaps within each session, outputs never ahead of their inputs, every segment's header, schema
/// and journal id, and the SHA-256 chain from each segment to the next. Damage is reported with its
/// segment, offset and the records around it, and checking resumes after it, so nothing past a
/// damaged record goes unchecked.
/// </summary>
public static class JournalVerifier
{
    /// <summary>Verifies <paramref name="folder"/>; with <paramref name="archiveFolder"/>, the archived segments too.</summary>
    public static VerificationReport Verify(string folder, string? archiveFolder = null, Action<int, int, SegmentFile>? onSegment = null)
    {
        var report = new VerificationReport();
        var reader = JournalReader.Open(folder);
        var archived = ArchiveManifest.Load(folder);
        var segments = new List<SegmentFile>();
        if (archiveFolder is not null)
        {
            segments.AddRange(JournalReader.Open(archiveFolder).Segments.Where(s => archived.Any(a => a.Segment == s.Number)));
        }

        segments.AddRange(reader.Segments);
        foreach (var both in SegmentFile.List(folder).GroupBy(s => s.Number).Where(g => g.Count() > 1))
        {
            report.Warnings.Add(new VerificationIssue(both.Key, -1, null, null, "both the sealed and the uncompressed form exist (a sealing was interrupted); the sealed form was checked, and the writer's next open finishes the job"));
        }

        var state = new ChainState();
        if (archiveFolder is null && archived.Count > 0)
        {
            var last = archived[^1];
            state.ExpectedSegment = last.Segment + 1;
            state.PreviousHash = Convert.FromHexString(last.Sha256);
            state.PreviousSegmentName = $"archived segment {last.Segment}";
            state.NextRecordNumber = last.NextRecordNumber;
            state.JournalId = last.JournalId;
            report.Warnings.Add(new VerificationIssue(null, -1, null, null, $"segments 0-{last.Segment} were archived (see {JournalFormat.ArchiveManifest}); the chain is checked from segment {last.Segment + 1} against the recorded hash. Pass the archive folder to check those too."));
        }

        if (segments.Count == 0)
        {
            report.Errors.Add(new VerificationIssue(null, -1, null, null, $"'{folder}' holds no journal segments"));
            return report;
        }

        for (int i = 0; i < segments.Count; i++)
        {
            onSegment?.Invoke(i, segments.Count, segments[i]);
            VerifySegment(segments[i], isActive: i == segments.Count - 1 && !segments[i].Sealed, state, report);
        }

        report.Segments = segments.Count;
        report.JournalId = state.JournalId;
        return report;
    }

    private static void VerifySegment(SegmentFile file, bool isActive, ChainState state, VerificationReport report)
    {
        if (file.Number != state.ExpectedSegment)
        {
            report.Errors.Add(new VerificationIssue(file.Number, -1, null, null,
                file.Number > state.ExpectedSegment
                    ? $"segments {state.ExpectedSegment}-{file.Number - 1} are missing (deleted or moved without the archive command): the hash chain is broken before segment {file.Number}"
                    : $"segment number {file.Number} appears again after segment {state.ExpectedSegment - 1}"));
            state.PreviousHash = null;
        }

        state.ExpectedSegment = file.Number + 1;
        SegmentContent content;
        try
        {
            content = SegmentContent.Load(file);
        }
        catch (InvalidDataException ex)
        {
            report.Errors.Add(new VerificationIssue(file.Number, -1, null, null, $"cannot be decompressed: {ex.Message}"));
            state.PreviousHash = null;
            state.NextRecordNumber = null;
            return;
        }

        var header = content.Header;
        if (header is null)
        {
            report.Errors.Add(new VerificationIssue(file.Number, 0, null, null, $"header: {content.HeaderError}"));
            state.PreviousHash = null;
            state.NextRecordNumber = null;
            return;
        }

        CheckHeader(file, header, isActive, state, report);
        byte[] hash = content.ContentSha256();
        foreach (var block in content.Damage.Where(d => d.Block < 0 || d.ContentLength == 0))
        {
            // Damage that loses no records (a frame-level checksum, the frame's tail) is still damage.
            report.Errors.Add(new VerificationIssue(file.Number, -1, null, null, $"LZ4 frame of {Path.GetFileName(file.Path)}: {block}"));
        }

        VerifyRecords(content, header, isActive, state, report);
        if (content.Damage.Count > 0)
        {
            // The lost bytes cannot be hashed: the link to the next segment cannot be checked either way.
            report.Warnings.Add(new VerificationIssue(file.Number, -1, null, null, $"{content.Damage.Count} damaged LZ4 block(s): the hash link from segment {file.Number + 1} to this segment cannot be checked"));
            state.PreviousHash = null;
        }
        else
        {
            state.PreviousHash = hash;
        }

        state.PreviousSegmentName = $"segment {file.Number}";
    }

    private static void CheckHeader(SegmentFile file, SegmentHeader header, bool isActive, ChainState state, VerificationReport report)
    {
        if (header.SegmentNumber != file.Number)
        {
            report.Errors.Add(new VerificationIssue(file.Number, 0, null, null, $"the file is named segment {file.Number} but its header says segment {header.SegmentNumber}"));
        }

        state.JournalId ??= header.JournalId;
        if (header.JournalId != state.JournalId)
        {
            report.Errors.Add(new VerificationIssue(file.Number, 0, null, null, $"belongs to journal {header.JournalId}, not {state.JournalId}"));
        }

        bool linkPending = header.SegmentNumber > 0 && header.PreviousSha256.All(b => b == 0);
        if (linkPending && isActive)
        {
            report.Warnings.Add(new VerificationIssue(file.Number, 64, null, null, $"the hash link to {state.PreviousSegmentName} is still pending (the writer fills it in right after a roll); verify again in a moment"));
        }
        else if (linkPending)
        {
            report.Errors.Add(new VerificationIssue(file.Number, 64, null, null, $"the header holds no hash of {state.PreviousSegmentName}: the chain link was never written"));
        }
        else if (state.PreviousHash is not null && !header.PreviousSha256.AsSpan().SequenceEqual(state.PreviousHash))
        {
            report.Errors.Add(new VerificationIssue(file.Number, 64, null, null,
                $"hash chain broken: the header records {Convert.ToHexString(header.PreviousSha256).ToLowerInvariant()} for {state.PreviousSegmentName}, which hashes to {Convert.ToHexString(state.PreviousHash).ToLowerInvariant()}: {state.PreviousSegmentName} was altered or replaced"));
        }
        else if (state.PreviousHash is null && header.SegmentNumber == 0 && header.PreviousSha256.Any(b => b != 0))
        {
            report.Errors.Add(new VerificationIssue(file.Number, 64, null, null, "segment 0 must not name a previous segment"));
        }

        if (state.NextRecordNumber is { } expected && header.FirstRecordNumber != expected)
        {
            report.Errors.Add(new VerificationIssue(file.Number, 40, header.FirstRecordNumber, null, $"starts at record {header.FirstRecordNumber} but the previous segment ended before record {expected}: {(long)header.FirstRecordNumber - (long)expected} records are missing or repeated"));
        }

        try
        {
            using var schema = JsonDocument.Parse(header.SchemaJson);
            if (!schema.RootElement.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array)
            {
                report.Errors.Add(new VerificationIssue(file.Number, 100, null, null, "schema has no list of record types"));
            }
            else
            {
                state.SchemaTypes = types.EnumerateArray().Select(t => (RecordType)t.GetProperty("id").GetInt32()).ToHashSet();
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            report.Errors.Add(new VerificationIssue(file.Number, 100, null, null, $"schema is not valid JSON: {ex.Message}"));
        }

        state.NextRecordNumber = header.FirstRecordNumber;
    }

    private static void VerifyRecords(SegmentContent content, SegmentHeader header, bool isActive, ChainState state, VerificationReport report)
    {
        var options = new JournalReadOptions
        {
            SkipDamaged = true,
            OnDamage = damage =>
            {
                var issue = new VerificationIssue(damage.Segment, damage.Offset, damage.LastGoodRecordNumber is { } n ? n + 1 : null, null, DescribeDamage(damage));
                if (damage.IsTornTail)
                {
                    report.Warnings.Add(issue with { Message = $"torn tail: {damage.Detail}; {content.Length - damage.Offset} bytes after the last whole record, which a restart of the writer cuts" });
                }
                else
                {
                    report.Errors.Add(issue);
                    state.NextRecordNumber = null;
                }
            },
        };

        foreach (var record in JournalReader.ReadSegment(content, options, isActive, new SegmentReadState()))
        {
            report.Records++;
            string name = RecordSchema.NameOf(record.Type);
            report.RecordsByType[name] = report.RecordsByType.GetValueOrDefault(name) + 1;
            CheckRecord(record, state, report);
        }
    }

    private static string DescribeDamage(RecordDamage damage)
    {
        string after = damage.LastGoodRecordNumber is { } n ? $" (after record {n}, sequence {damage.LastGoodSequence})" : " (before any whole record)";
        string resume = damage.ResumeOffset >= 0 ? $"; checking resumes at offset {damage.ResumeOffset}" : "; no whole record follows in this segment";
        return $"{damage.Detail}{after}{resume}";
    }

    private static void CheckRecord(in JournalRecord record, ChainState state, VerificationReport report)
    {
        var h = record.Header;
        if (state.NextRecordNumber is { } expected && h.RecordNumber != expected)
        {
            report.Errors.Add(new VerificationIssue(record.Segment, record.Offset, h.RecordNumber, h.Sequence,
                h.RecordNumber > expected ? $"records {expected}-{h.RecordNumber - 1} are missing" : $"record number goes back from {expected - 1} to {h.RecordNumber}"));
        }

        state.NextRecordNumber = h.RecordNumber + 1;
        if (state.SchemaTypes is { } types && !types.Contains(h.Type))
        {
            report.Errors.Add(new VerificationIssue(record.Segment, record.Offset, h.RecordNumber, h.Sequence, $"record type {(int)h.Type} is not in the segment's schema"));
            return;
        }

        if (!RecordSchema.Types.TryGetValue(h.Type, out var info))
        {
            report.Warnings.Add(new VerificationIssue(record.Segment, record.Offset, h.RecordNumber, h.Sequence, $"record type {(int)h.Type} is unknown to this reader (newer writer?)"));
            return;
        }

        if (h.PayloadLength < info.FixedSize && h.Version >= info.Version)
        {
            report.Errors.Add(new VerificationIssue(record.Segment, record.Offset, h.RecordNumber, h.Sequence, $"{info.Name} payload has {h.PayloadLength} bytes; its layout needs at least {info.FixedSize}"));
        }

        switch (info.Direction)
        {
            case RecordDirection.Meta when h.Type == RecordType.SessionStart:
                // A new run: its ring sequences start again.
                state.LastInputSequence = null;
                break;
            case RecordDirection.Input:
                if (state.LastInputSequence is { } last && h.Sequence != last + 1)
                {
                    report.Errors.Add(new VerificationIssue(record.Segment, record.Offset, h.RecordNumber, h.Sequence,
                        h.Sequence > last + 1 ? $"input sequence jumps from {last} to {h.Sequence}: {h.Sequence - last - 1} inputs are missing" : $"input sequence goes back from {last} to {h.Sequence}"));
                }

                state.LastInputSequence = h.Sequence;
                break;
            case RecordDirection.Output:
                if (state.LastInputSequence is { } input && h.Sequence > input)
                {
                    report.Errors.Add(new VerificationIssue(record.Segment, record.Offset, h.RecordNumber, h.Sequence, $"{info.Name} for sequence {h.Sequence} comes before its input (last input {input})"));
                }

                break;
        }
    }

    private sealed class ChainState
    {
        public ulong ExpectedSegment { get; set; }

        public byte[]? PreviousHash { get; set; }

        public string PreviousSegmentName { get; set; } = "the previous segment";

        public ulong? NextRecordNumber { get; set; }

        public long? LastInputSequence { get; set; }

        public Guid? JournalId { get; set; }

        public HashSet<RecordType>? SchemaTypes { get; set; }
    }
}
