using System.Text.Json.Serialization;

namespace Engine.Journal.Verification;

/// <summary>One head a digest vouches for: the journal, a sealed segment and the SHA-256 of its uncompressed bytes, and when it was sealed.</summary>
public sealed record DigestEntry(
    [property: JsonPropertyName("journal_id")] Guid JournalId,
    [property: JsonPropertyName("segment")] ulong Segment,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("sealed_at")] DateTimeOffset SealedAt);
