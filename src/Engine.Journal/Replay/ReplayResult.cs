namespace Engine.Journal.Replay;

/// <summary>What a replay published.</summary>
/// <param name="InputsPublished">Input records published into the ring.</param>
/// <param name="OutputsRead">Output records passed to the output callback.</param>
/// <param name="RecordsRead">Records read in the selected range.</param>
/// <param name="Damaged">Damage met.</param>
/// <param name="Unreplayable">Input records that could not be put in a slot (e.g. a packet of unknown length).</param>
/// <param name="NextSessionSequence">With <see cref="ReplayOptions.StopAtNextSession"/>: the sequence of the session_start the replay stopped at; null at the end of the range.</param>
public sealed record ReplayResult(long InputsPublished, long OutputsRead, long RecordsRead, int Damaged, long Unreplayable, long? NextSessionSequence = null);
