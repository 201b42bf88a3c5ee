using Engine.Journal.Compression;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// Reads a journal folder in order, sealed and active segments alike, without starting anything
/// else. Records are views into each segment's decompressed bytes, one segment in memory at a time.
/// </summary>
public sealed class JournalReader
{
    private readonly SegmentBuffers[] _reusedBuffers = [new SegmentBuffers(), new SegmentBuffers()];

    private JournalReader(string folder, IReadOnlyList<SegmentFile> segments)
    {
        Folder = folder;
        Segments = segments;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>One file per segment number (the sealed form where both exist), in order.</summary>
    public IReadOnlyList<SegmentFile> Segments { get; }

    /// <summary>The highest segment number, the one a writer would be appending to.</summary>
    public ulong? LastSegment => Segments.Count == 0 ? null : Segments[^1].Number;

    /// <summary>
    /// Lists the segments of <paramref name="folder"/>, which must hold at least one: for readers of
    /// a finished journal, where an empty folder is a wrong path rather than an empty day.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="JournalException">The folder holds no segment.</exception>
    public static JournalReader OpenWithSegments(string folder)
    {
        var reader = Open(folder);
        if (reader.Segments.Count == 0)
        {
            throw new JournalException($"'{folder}' holds no journal segments (a journal is one run's folder, such as journal/run-20261201-091500).");
        }

        return reader;
    }

    /// <summary>Lists the segments of <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static JournalReader Open(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Journal folder '{folder}' does not exist.");
        }

        var segments = SegmentFile.List(folder)
            .GroupBy(s => s.Number)
            .Select(g => g.FirstOrDefault(s => s.Sealed) ?? g.First())
            .OrderBy(s => s.Number)
            .ToList();
        return new JournalReader(folder, segments);
    }

    /// <summary>
    /// Every record, in journal order. The next segment is loaded (read and decompressed) on
    /// another thread while the current one is being read.
    /// </summary>
    public IEnumerable<JournalRecord> Read(JournalReadOptions? options = null)
    {
        foreach (var cursor in ReadSegments(options))
        {
            while (cursor.TryNext(out JournalRecord record))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// A cursor over each segment's records, in journal order: walk each before asking for the
    /// next (the loading of the one after it overlaps the walk). Where damage stops a cursor
    /// (<see cref="SegmentRecordCursor.Stopped"/>), no later segment is read.
    /// </summary>
    public IEnumerable<SegmentRecordCursor> ReadSegments(JournalReadOptions? options = null)
    {
        options ??= new JournalReadOptions();
        var selected = new List<(SegmentFile File, bool IsActive)>();
        for (int i = 0; i < Segments.Count; i++)
        {
            var file = Segments[i];
            if (options.FromSequence != long.MinValue && i + 1 < Segments.Count && FirstSequenceOf(Segments[i + 1]) is { } next && next <= options.FromSequence)
            {
                continue;
            }

            selected.Add((file, !file.Sealed && i == Segments.Count - 1));
        }

        // With reuse, segment i is loaded into buffers[i % 2]: the one being read is never overwritten.
        var buffers = options.ReuseBuffers ? _reusedBuffers : null;
        var ahead = options.ReadAhead && options.IdleLoader is null && selected.Count > 0 ? new SegmentReadAhead(this) : null;
        try
        {
            if (ahead is not null)
            {
                ahead.Begin(selected[0].File, buffers?[0], options.VerifyFrameChecksum, MapsWhenReadAhead(buffers, selected[0].IsActive));
            }

            for (int i = 0; i < selected.Count; i++)
            {
                var (file, isActive) = selected[i];
                SegmentContent? content = null;
                string? failure = null;
                try
                {
                    content = options.IdleLoader?.TryComplete(file)
                        ?? (ahead is not null ? ahead.Complete() : LoadFresh(file, buffers?[i % 2], options.VerifyFrameChecksum, mapRolled: false));
                }
                catch (InvalidDataException ex)
                {
                    failure = ex.Message;
                }

                // The active segment is still growing: it is read when reached, to its latest record.
                if (i + 1 < selected.Count && options.IdleLoader is { } idle && !selected[i + 1].IsActive)
                {
                    idle.Begin(selected[i + 1].File, buffers?[(i + 1) % 2], options.VerifyFrameChecksum);
                }
                else if (i + 1 < selected.Count && ahead is not null)
                {
                    ahead.Begin(selected[i + 1].File, buffers?[(i + 1) % 2], options.VerifyFrameChecksum, MapsWhenReadAhead(buffers, selected[i + 1].IsActive));
                }

                if (content is null)
                {
                    options.OnDamage?.Invoke(new RecordDamage(file.Number, Path.GetFileName(file.Path), -1, RecordCheck.BadCrc, failure!, null, null, -1, false));
                    if (options.SkipDamaged)
                    {
                        continue;
                    }

                    yield break;
                }

                options.OnSegment?.Invoke(content);
                var cursor = SegmentRecordCursor.For(content, buffers?[i % 2], options, isActive);
                yield return cursor;
                if (cursor.Stopped)
                {
                    yield break;
                }
            }
        }
        finally
        {
            // A reader that stops early must not leave a load still writing into a buffer the next
            // read will use: disposing the read-ahead waits for it.
            ahead?.Dispose();

            // Mapped segments are let go with the read, not kept for the next one.
            if (buffers is not null)
            {
                foreach (var reused in buffers)
                {
                    reused.ReleaseMap();
                }
            }
        }
    }

    /// <summary>The records of one loaded segment; <paramref name="state"/> says afterwards whether damage stopped the reading.</summary>
    public static IEnumerable<JournalRecord> ReadSegment(SegmentContent content, JournalReadOptions options, bool isActive, SegmentReadState state)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        var cursor = new SegmentRecordCursor(content, options, isActive);
        while (cursor.TryNext(out JournalRecord record))
        {
            yield return record;
        }

        state.Stopped = cursor.Stopped;
    }

    // Reading ahead with reused buffers, a rolled uncompressed segment is mapped rather than read:
    // its records are only valid while it is being read anyway, and the loading thread makes and
    // drops the maps (a 64 MiB unmap takes a while). The active one is read, since its writer may
    // still cut a torn tail off it, which would fault a map. A paced replay reads as before.
    private static bool MapsWhenReadAhead(SegmentBuffers[]? buffers, bool isActive) => buffers is not null && !isActive;

    /// <summary>Loads a segment, re-listing once if a writer sealed it in the meantime (the active file disappears after sealing).</summary>
    public SegmentContent LoadFresh(SegmentFile file, SegmentBuffers? buffers = null, bool verifyFrameChecksum = true) =>
        LoadFresh(file, buffers, verifyFrameChecksum, mapRolled: false);

    internal SegmentContent LoadFresh(SegmentFile file, SegmentBuffers? buffers, bool verifyFrameChecksum, bool mapRolled)
    {
        try
        {
            return SegmentContent.Load(file, buffers, verifyFrameChecksum, mapRolled);
        }
        catch (FileNotFoundException)
        {
            return SegmentContent.Load(SealedFormOf(file), buffers, verifyFrameChecksum);
        }
    }

    // Apart from LoadFresh: a lambda capturing its parameter there would cost a closure on every load.
    private SegmentFile SealedFormOf(SegmentFile file) =>
        SegmentFile.List(Folder).FirstOrDefault(s => s.Number == file.Number && s.Sealed)
            ?? throw new FileNotFoundException($"Segment {file.Number} disappeared from '{Folder}' while being read.");

    private static long? FirstSequenceOf(SegmentFile file)
    {
        if (file.Sealed)
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var head = new byte[8192];
            int read = stream.Read(head);
            return SegmentHeader.TryRead(head.AsSpan(0, read), out var header, out _) ? header!.FirstSequence : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
