using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// Walks the records of one segment's bytes. Stops at the first record that does not check out and
/// looks ahead for a later whole record, which tells a torn tail (nothing valid follows) from
/// damage in the middle (valid records follow, and must not be thrown away).
/// </summary>
public sealed class SegmentScan
{
    private SegmentScan()
    {
    }

    /// <summary>Records that check out, before any damage.</summary>
    public long ValidRecords { get; private set; }

    /// <summary>The end of the last whole record before any damage.</summary>
    public int ValidEnd { get; private set; }

    /// <summary>The last whole record's header, if any.</summary>
    public RecordHeader? LastRecord { get; private set; }

    /// <summary>What stopped the walk (<see cref="RecordCheck.End"/> for a clean end).</summary>
    public RecordCheck Stop { get; private set; } = RecordCheck.End;

    /// <summary>Where the next whole record after the damage starts, or -1: -1 with damage means a torn tail.</summary>
    public int ResumeOffset { get; private set; } = -1;

    /// <summary>True when bytes after the last whole record are not a whole record.</summary>
    public bool IsDamaged => Stop != RecordCheck.End;

    /// <summary>True when the damage is only an incomplete last record.</summary>
    public bool IsTornTail => IsDamaged && ResumeOffset < 0;

    /// <summary>Scans <paramref name="content"/> from <paramref name="start"/> (the end of the segment header).</summary>
    public static SegmentScan Run(ReadOnlySpan<byte> content, int start)
    {
        var scan = new SegmentScan { ValidEnd = start };
        int offset = start;
        while (true)
        {
            var check = RecordLayout.TryRead(content[offset..], out var header);
            if (check != RecordCheck.Valid)
            {
                scan.Stop = check;
                break;
            }

            scan.LastRecord = header;
            scan.ValidRecords++;
            offset += header.Length;
            scan.ValidEnd = offset;
        }

        if (scan.IsDamaged)
        {
            scan.ResumeOffset = FindNextRecord(content, offset + 1, scan.LastRecord?.RecordNumber);
        }

        return scan;
    }

    /// <summary>The offset of the next whole record at or after <paramref name="from"/> whose number follows <paramref name="after"/>, or -1.</summary>
    public static int FindNextRecord(ReadOnlySpan<byte> content, int from, ulong? after)
    {
        for (int offset = from; offset <= content.Length - JournalFormat.RecordOverhead; offset++)
        {
            // Cheap filters first, so damage in a large segment does not cost a CRC per byte offset.
            var type = (RecordType)System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(content[(offset + 4)..]);
            ushort version = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(content[(offset + 6)..]);
            if (version is 0 or > 64 || !RecordSchema.Types.ContainsKey(type))
            {
                continue;
            }

            if (RecordLayout.TryRead(content[offset..], out var candidate) == RecordCheck.Valid
                && (after is null || candidate.RecordNumber > after.Value)
                && RecordSchema.Types.ContainsKey(candidate.Type))
            {
                return offset;
            }
        }

        return -1;
    }
}
