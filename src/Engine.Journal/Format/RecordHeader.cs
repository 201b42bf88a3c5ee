namespace Engine.Journal.Format;

/// <summary>A record's header fields, as read from disk.</summary>
/// <param name="Length">Total bytes including header and CRC.</param>
/// <param name="Type">Record type.</param>
/// <param name="Version">Payload layout version.</param>
/// <param name="RecordNumber">Journal-wide record number, from 0, one more per record.</param>
/// <param name="Sequence">The ring sequence of the input it is, or that caused it.</param>
/// <param name="TimestampNs">Receive time (inputs) or decision time (outputs), Unix ns.</param>
public readonly record struct RecordHeader(int Length, RecordType Type, ushort Version, ulong RecordNumber, long Sequence, long TimestampNs)
{
    /// <summary>Payload bytes.</summary>
    public int PayloadLength => Length - JournalFormat.RecordOverhead;
}
