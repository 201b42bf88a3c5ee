namespace Engine.Journal.Writing;

/// <summary>Bytes at the end of an active segment that do not form a whole record: what a crash mid-write leaves.</summary>
/// <param name="Segment">The segment number.</param>
/// <param name="Offset">Where the incomplete record starts.</param>
/// <param name="Bytes">How many bytes follow the last whole record.</param>
public sealed record TornTail(ulong Segment, long Offset, long Bytes)
{
    /// <inheritdoc/>
    public override string ToString() => $"segment {Segment}: {Bytes} bytes of an incomplete record at offset {Offset}";
}
