using System.Globalization;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Journal.Archiving;

/// <summary>
/// Moves the oldest sealed segments to another folder, on request only: the engine never deletes
/// journal data by itself. Each segment is copied, fsynced and compared, recorded in the
/// journal's <c>ARCHIVED</c> manifest with the hash the next segment's header carries, and only then
/// removed, so the chain of what remains stays verifiable and a crash mid-way loses nothing.
/// </summary>
public static class JournalArchiver
{
    /// <summary>Archives every sealed segment except the newest <paramref name="keep"/> (and never the segment being written).</summary>
    /// <returns>The segments moved.</returns>
    public static IReadOnlyList<ArchiveEntry> Archive(string folder, string destination, int keep = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var segments = JournalReader.Open(folder).Segments;
        if (segments.Count == 0)
        {
            return [];
        }

        // Never the last segment (it may be the one being written), and only a run of sealed ones from the start.
        var candidates = segments.Take(segments.Count - 1).TakeWhile(s => s.Sealed).ToList();
        candidates = candidates.Take(Math.Max(0, candidates.Count - keep)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        Directory.CreateDirectory(destination);
        var already = ArchiveManifest.Load(folder).Select(e => e.Segment).ToHashSet();
        var moved = new List<ArchiveEntry>();
        foreach (var segment in candidates)
        {
            string target = Path.Combine(destination, Path.GetFileName(segment.Path));
            var content = SegmentContent.Load(segment);
            if (content.Header is null)
            {
                throw new JournalException($"Segment {segment.Number} has an unreadable header ({content.HeaderError}); archiving stops before it. Run 'journal verify'.");
            }

            var scan = SegmentScan.Run(content.Span, content.Header.Length);
            if (scan.IsDamaged)
            {
                throw new JournalException($"Segment {segment.Number} is damaged at offset {scan.ValidEnd}; archiving stops before it. Run 'journal verify'.");
            }

            byte[] stored = File.ReadAllBytes(segment.Path);
            using (var handle = File.OpenHandle(target, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(handle, stored, 0);
                RandomAccess.FlushToDisk(handle);
            }

            if (!File.ReadAllBytes(target).AsSpan().SequenceEqual(stored))
            {
                throw new JournalException($"The copy of segment {segment.Number} at '{target}' differs from the original; nothing was removed.");
            }

            var last = scan.LastRecord;
            var entry = new ArchiveEntry(
                segment.Number,
                Path.GetFileName(segment.Path),
                Convert.ToHexString(content.ContentSha256()).ToLowerInvariant(),
                content.Header.JournalId,
                last is { } l ? l.RecordNumber + 1 : content.Header.FirstRecordNumber,
                last?.Sequence ?? content.Header.FirstSequence - 1,
                Path.GetFullPath(destination),
                DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            if (!already.Contains(segment.Number))
            {
                ArchiveManifest.Append(folder, [entry]);
            }

            File.Delete(segment.Path);
            moved.Add(entry);
        }

        return moved;
    }
}
