namespace Engine.Ring;

/// <summary>A snapshot of one consumer for status output.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="Sequence">The last sequence it finished.</param>
/// <param name="Lag">How many published events it has not finished yet.</param>
/// <param name="IsRunning">True while its loop runs.</param>
/// <param name="Fault">The exception that halted it, if any.</param>
/// <param name="SkippedEvents">Events whose handler threw and that were skipped (log-and-continue policy).</param>
public sealed record ConsumerStatus(string Name, long Sequence, long Lag, bool IsRunning, Exception? Fault, long SkippedEvents);
