namespace Engine.Journal.Reading;

/// <summary>How a <see cref="JournalReader"/> reads.</summary>
public sealed class JournalReadOptions
{
    /// <summary>Continue past damaged records to the next whole one (reported through <see cref="OnDamage"/>) instead of stopping.</summary>
    public bool SkipDamaged { get; init; }

    /// <summary>Called for every damage met; the torn tail of the active segment included.</summary>
    public Action<RecordDamage>? OnDamage { get; init; }

    /// <summary>Called as each segment is opened (for progress).</summary>
    public Action<SegmentContent>? OnSegment { get; init; }

    /// <summary>
    /// Reuse two buffers for all segments (the one being read and the one loading ahead), kept by
    /// the reader from one such read to the next, so a steady replay allocates nothing. Faster
    /// for long replays, but a record's payload is only valid while its segment is being read
    /// (copy what you keep), and only one reusing read of a reader may run at a time.
    /// The segment's content and cursor objects are the buffers' own too, reset for each segment
    /// they take. Reading ahead, a rolled uncompressed segment is mapped in place instead of
    /// copied (<see cref="SegmentContent.IsMapped"/>): a payload kept past its segment reads
    /// what its buffers hold then, and throws <see cref="ObjectDisposedException"/> once the read
    /// has let the maps go; it never reads unmapped memory.
    /// </summary>
    public bool ReuseBuffers { get; init; }

    /// <summary>
    /// Load (read and decompress) the next segment on another thread while this one is read: the
    /// default, for throughput. Off, each segment loads on the reading thread when it is reached,
    /// which keeps a paced replay from competing with the pipeline for cores.
    /// </summary>
    public bool ReadAhead { get; init; } = true;

    /// <summary>
    /// Begin each next segment on this loader instead of a loading thread (<see cref="ReadAhead"/>
    /// is then not used): the reading thread reads it on in its own gaps through
    /// <see cref="IdleSegmentLoader.Advance"/>, and the rest when it reaches the segment.
    /// </summary>
    public IdleSegmentLoader? IdleLoader { get; init; }

    /// <summary>
    /// Check each sealed segment's LZ4 content checksum. Every record's CRC-32C is checked either
    /// way; turning this off halves decompression time for replays. <c>verify</c> always checks it.
    /// </summary>
    public bool VerifyFrameChecksum { get; init; } = true;

    /// <summary>Skip segments whose records all come before this sequence (uses the next segment's first sequence).</summary>
    public long FromSequence { get; init; } = long.MinValue;
}
