namespace Engine.Journal.Verification;

/// <summary>Something <c>verify</c> found: where, and what.</summary>
/// <param name="Segment">Segment number, or null for the journal as a whole.</param>
/// <param name="Offset">Byte offset in the uncompressed segment, or -1.</param>
/// <param name="RecordNumber">The record concerned, if known.</param>
/// <param name="Sequence">Its ring sequence, if known.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record VerificationIssue(ulong? Segment, long Offset, ulong? RecordNumber, long? Sequence, string Message)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var where = new List<string>();
        if (Segment is { } s)
        {
            where.Add($"segment {s}");
        }

        if (Offset >= 0)
        {
            where.Add($"offset {Offset}");
        }

        if (RecordNumber is { } r)
        {
            where.Add($"record {r}");
        }

        if (Sequence is { } q)
        {
            where.Add($"sequence {q}");
        }

        return where.Count == 0 ? Message : $"{string.Join(", ", where)}: {Message}";
    }
}
