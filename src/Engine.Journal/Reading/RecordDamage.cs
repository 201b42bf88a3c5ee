using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>Damage met while reading: where, what, and what was (or would be) skipped.</summary>
/// <param name="Segment">Segment number.</param>
/// <param name="File">Segment file name.</param>
/// <param name="Offset">Byte offset (in the uncompressed segment) where the damage starts; -1 for the whole segment.</param>
/// <param name="Problem">What the bytes there failed.</param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="LastGoodRecordNumber">The last whole record before the damage.</param>
/// <param name="LastGoodSequence">Its ring sequence.</param>
/// <param name="ResumeOffset">Where whole records resume, or -1 if none follow in this segment.</param>
/// <param name="IsActiveSegment">True for the segment still being written.</param>
public sealed record RecordDamage(ulong Segment, string File, long Offset, RecordCheck Problem, string Detail, ulong? LastGoodRecordNumber, long? LastGoodSequence, long ResumeOffset, bool IsActiveSegment)
{
    /// <summary>An incomplete last record of the active segment: what a killed writer leaves, and what a restart cuts.</summary>
    public bool IsTornTail => IsActiveSegment && ResumeOffset < 0 && Problem is RecordCheck.Truncated or RecordCheck.BadCrc or RecordCheck.BadLength;

    /// <inheritdoc/>
    public override string ToString()
    {
        string after = LastGoodRecordNumber is { } n ? $" after record {n} (sequence {LastGoodSequence})" : "";
        string resume = ResumeOffset >= 0 ? $"; whole records resume at offset {ResumeOffset}" : "";
        return Offset < 0 ? $"segment {Segment} ({File}): {Detail}" : $"segment {Segment} ({File}) offset {Offset}{after}: {Detail}{resume}";
    }
}
