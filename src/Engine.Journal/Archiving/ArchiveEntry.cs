namespace Engine.Journal.Archiving;

/// <summary>One archived segment: where it went and the facts needed to keep the chain verifiable without it.</summary>
/// <param name="Segment">Segment number.</param>
/// <param name="File">File name.</param>
/// <param name="Sha256">SHA-256 of its uncompressed content (hex), which the next segment's header carries.</param>
/// <param name="JournalId">The journal's id.</param>
/// <param name="NextRecordNumber">The record number following its last record.</param>
/// <param name="LastSequence">The ring sequence of its last record.</param>
/// <param name="MovedTo">The folder it was moved to.</param>
/// <param name="MovedAt">When, ISO 8601.</param>
public sealed record ArchiveEntry(ulong Segment, string File, string Sha256, Guid JournalId, ulong NextRecordNumber, long LastSequence, string MovedTo, string MovedAt);
