namespace Engine.Journal.Format;

/// <summary>A latency record as read: monotonic nanoseconds, 0 where a stage did not stamp.</summary>
/// <param name="Received">The door claimed the input's slot.</param>
/// <param name="Published">The input was decoded and published.</param>
/// <param name="Decided">The strategies were done.</param>
/// <param name="Judged">The risk gate was done.</param>
/// <param name="Journaled">The input's records were in the journal.</param>
/// <param name="Handed">For an answer: the router handed the request to the gateway.</param>
/// <param name="Sent">For an answer: the request went on the wire.</param>
/// <param name="Answered">For an answer: the broker's answer arrived.</param>
/// <param name="CauseSequence">For an answer: the input whose decision made the request; -1 otherwise.</param>
public readonly record struct LatencyStamps(long Received, long Published, long Decided, long Judged, long Journaled, long Handed, long Sent, long Answered, long CauseSequence);
