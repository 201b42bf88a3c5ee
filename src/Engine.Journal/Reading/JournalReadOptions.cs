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

    /// <summary>Skip segments whose records all come before this sequence (uses the next segment's first sequence).</summary>
    public long FromSequence { get; init; } = long.MinValue;
}
