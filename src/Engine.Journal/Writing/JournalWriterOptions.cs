namespace Engine.Journal.Writing;

/// <summary>Where and how a journal is written.</summary>
public sealed class JournalWriterOptions
{
    /// <summary>The journal folder; created if missing.</summary>
    public required string Folder { get; init; }

    /// <summary>How far a record gets before it counts as journaled.</summary>
    public DurabilityMode Durability { get; init; } = DurabilityMode.Batch;

    /// <summary>For <see cref="DurabilityMode.Interval"/>: the fsync period.</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A segment rolls (is closed and sealed) when it would grow past this.</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The writer's buffer.</summary>
    public int BufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Seal rolled segments into LZ4 frames (off the writer thread). Off only for tests of the active form.</summary>
    public bool SealRolledSegments { get; init; } = true;

    /// <summary>
    /// LZ4 level for sealing: 0 is LZ4's fast default (about 3:1 on tick journals, ~250 MB/s on one
    /// core); 3-12 are the high-compression levels (about 4.7:1 at 9, ~65 MB/s), for journals
    /// that are archived more than replayed. Sealing runs off the writer thread either way.
    /// </summary>
    public int CompressionLevel { get; init; }

    /// <summary>Seal the active segment when the writer is closed (session end).</summary>
    public bool SealOnClose { get; init; } = true;

    /// <summary>Called on the sealing thread after each segment is sealed (rolled ones and the last at close): the head hash for a digest. Must not throw.</summary>
    public Action<SealedSegment>? OnSealed { get; init; }

    /// <summary>Called on the sealing thread when finishing a segment failed (the uncompressed segment stays; the next open completes it).</summary>
    public Action<string>? OnFinishFailed { get; init; }

    /// <summary>A new journal's id (default: a random one). A backtest derives it from its inputs, so the same inputs give the same journal.</summary>
    public Guid? NewJournalId { get; init; }

    /// <summary>The time each segment header records as its creation, Unix ns (default: the wall clock). A backtest gives its market time.</summary>
    public Func<long>? Clock { get; init; }
}
