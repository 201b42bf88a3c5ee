namespace Engine.Journal.Replay;

/// <summary>What a replay published (a value: returning it allocates nothing, so a replay's steady state stays at 0 bytes).</summary>
/// <param name="InputsPublished">Input records published into the ring.</param>
/// <param name="OutputsRead">Output records passed to the output callback.</param>
/// <param name="RecordsRead">Records read in the selected range.</param>
/// <param name="Damaged">Damage met.</param>
/// <param name="Unreplayable">Input records that could not be put in a slot (e.g. a packet of unknown length).</param>
/// <param name="NextSessionSequence">With <see cref="ReplayOptions.StopAtNextSession"/>: the sequence of the session_start the replay stopped at; null at the end of the range.</param>
public readonly record struct ReplayResult(long InputsPublished, long OutputsRead, long RecordsRead, int Damaged, long Unreplayable, long? NextSessionSequence = null)
{
    /// <summary>Paced: segments whose reading began in the producer's waits (every one after the first, but the still-growing last).</summary>
    public int SegmentsBegunInGaps { get; init; }

    /// <summary>
    /// Paced: the time from the start of the replay to its first paced input, spent opening the
    /// journal (a 64 MiB segment's buffers are made and read first) and publishing any inputs
    /// before <see cref="ReplayOptions.PaceFromSequence"/>; zero when nothing was paced.
    /// </summary>
    public TimeSpan BeforePacing { get; init; }

    /// <summary>Paced: the time from the first paced input to the end of the replay; zero when nothing was paced.</summary>
    public TimeSpan Paced { get; init; }

    /// <summary>Paced: the inputs published from the first paced one on (their rate is this over <see cref="Paced"/>).</summary>
    public long InputsPaced { get; init; }

    /// <summary>Paced: those of them read whole in the waits before the replay reached them; the rest were finished when reached.</summary>
    public int SegmentsReadInGaps { get; init; }
}
