namespace Engine.Journal.Replay;

/// <summary>Which part of a journal to replay, and how fast.</summary>
public sealed class ReplayOptions
{
    /// <summary>
    /// Whether each tick's packet bytes as received are copied into its slot (<c>RingEvent.Raw</c>).
    /// Only a journaller reads them; a replay into a pipeline that writes no journal (replay,
    /// verify, benchmarks) sets this false and spares the producer that copy. Undecodable
    /// packets keep their bytes either way, since the bytes are all they carry.
    /// </summary>
    public bool KeepRawBytes { get; init; } = true;

    /// <summary>First input sequence to replay.</summary>
    public long FromSequence { get; init; } = long.MinValue;

    /// <summary>Last input sequence to replay.</summary>
    public long UntilSequence { get; init; } = long.MaxValue;

    /// <summary>First receive time to replay, Unix ns.</summary>
    public long FromTimeNs { get; init; } = long.MinValue;

    /// <summary>Last receive time to replay, Unix ns.</summary>
    public long UntilTimeNs { get; init; } = long.MaxValue;

    /// <summary>0: as fast as possible; 1: at the recorded pace; N: N times faster.</summary>
    public double Speed { get; init; }

    /// <summary>
    /// Paced, whether the producer yields its core while it waits for the next input's due time
    /// instead of spinning: for a producer that shares its core with the pipeline's consumer, which
    /// a spinning wait would keep off that core until the scheduler's time slice ran out.
    /// </summary>
    public bool YieldInWaits { get; init; }

    /// <summary>
    /// Inputs before this sequence are published as fast as possible even when <see cref="Speed"/>
    /// paces the rest: a replay that must rebuild state from the session start reaches the part
    /// of interest quickly.
    /// </summary>
    public long PaceFromSequence { get; init; } = long.MinValue;

    /// <summary>Like <see cref="PaceFromSequence"/>, by receive time: pacing starts at the first input received at or after it.</summary>
    public long PaceFromTimeNs { get; init; } = long.MinValue;

    /// <summary>Continue past damaged records (reported) instead of stopping.</summary>
    public bool SkipDamaged { get; init; }

    /// <summary>
    /// Called with every output record (intents, verdicts, requests) as it is read, for comparison,
    /// with the ring sequence of the replayed input it belongs to (-1 if that input was not
    /// replayed). That input's slot is claimed but not yet published during the call, so whatever
    /// the callback stores for that ring sequence is visible to every consumer of the slot.
    /// The payload is only valid during the call: replay reuses its segment buffers.
    /// </summary>
    public Action<Reading.JournalRecord, long>? OnOutput { get; init; }

    /// <summary>
    /// Stop before the next session_start record (a new run of the engine appending to the same
    /// journal): its sequence is returned in <see cref="ReplayResult.NextSessionSequence"/>, so the
    /// caller can rebuild its pipeline from that run's settings and continue from there.
    /// </summary>
    public bool StopAtNextSession { get; init; }

    /// <summary>Called with every meta record at or after <see cref="FromSequence"/>.</summary>
    public Action<Reading.JournalRecord>? OnMeta { get; init; }

    /// <summary>Called as each segment starts: (index, count).</summary>
    public Action<int, int>? OnSegment { get; init; }

    /// <summary>
    /// Paced: called once on the producer's thread just before the first paced input is waited
    /// for, after the replay has opened its segments. The pace's clock starts after the call, so
    /// a benchmark can read its counters here and leave the opening out of what it measures.
    /// </summary>
    public Action? OnPacingStart { get; init; }

    /// <summary>Called on damage.</summary>
    public Action<Reading.RecordDamage>? OnDamage { get; init; }
}
