namespace Engine.Host.Replay;

/// <summary>The first input whose re-derived decisions differ from the recorded ones.</summary>
/// <param name="InputSequence">The input's journal sequence.</param>
/// <param name="Input">The input, described.</param>
/// <param name="Recorded">The decisions the journal holds, one line each.</param>
/// <param name="Replayed">The decisions the replay made, one line each.</param>
public sealed record ReplayMismatch(long InputSequence, string Input, IReadOnlyList<string> Recorded, IReadOnlyList<string> Replayed);
