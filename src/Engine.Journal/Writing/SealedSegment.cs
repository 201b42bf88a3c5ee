namespace Engine.Journal.Writing;

/// <summary>A segment the journal has just sealed: its journal and number, and the SHA-256 of its uncompressed bytes, the hash the next segment's header links to and a digest vouches for.</summary>
public sealed record SealedSegment(Guid JournalId, ulong Number, string Sha256, long Bytes);
