using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>One record as read: its header, its payload (a view into the segment's bytes), and where it is.</summary>
/// <param name="Header">Header fields.</param>
/// <param name="Payload">Payload bytes.</param>
/// <param name="Segment">Segment number.</param>
/// <param name="Offset">Byte offset of the record in the segment's uncompressed bytes.</param>
public readonly record struct JournalRecord(RecordHeader Header, ReadOnlyMemory<byte> Payload, ulong Segment, int Offset)
{
    /// <summary>The record type.</summary>
    public RecordType Type => Header.Type;

    /// <summary>The ring sequence.</summary>
    public long Sequence => Header.Sequence;

    /// <summary>Receive or decision time, Unix ns.</summary>
    public long TimestampNs => Header.TimestampNs;

    /// <summary>Journal-wide record number.</summary>
    public ulong RecordNumber => Header.RecordNumber;
}
