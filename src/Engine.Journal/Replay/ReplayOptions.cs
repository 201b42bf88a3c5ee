namespace Engine.Journal.Replay;

/// <summary>Which part of a journal to replay, and how fast.</summary>
public sealed class ReplayOptions
{
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

    /// <summary>Continue past damaged records (reported) instead of stopping.</summary>
    public bool SkipDamaged { get; init; }

    /// <summary>
    /// Called with every output record (intents, verdicts, requests) as it is read, for comparison.
    /// The payload is only valid during the call: replay reuses its segment buffers.
    /// </summary>
    public Action<Reading.JournalRecord>? OnOutput { get; init; }

    /// <summary>Called with every meta record.</summary>
    public Action<Reading.JournalRecord>? OnMeta { get; init; }

    /// <summary>Called as each segment starts: (index, count).</summary>
    public Action<int, int>? OnSegment { get; init; }

    /// <summary>Called on damage.</summary>
    public Action<Reading.RecordDamage>? OnDamage { get; init; }
}
