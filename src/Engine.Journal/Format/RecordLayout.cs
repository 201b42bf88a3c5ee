using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Engine.Journal.Format;

/// <summary>Writes and checks records in place: the 32-byte header, the payload, the CRC-32C trailer (little-endian).</summary>
public static class RecordLayout
{
    /// <summary>Total bytes of a record with <paramref name="payloadLength"/> payload bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SizeOf(int payloadLength) => JournalFormat.RecordOverhead + payloadLength;

    /// <summary>
    /// Writes the header into <paramref name="destination"/> for a payload the caller has already
    /// placed at offset 32 (or will), then the CRC over header and payload. Returns the record size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Seal(Span<byte> destination, RecordType type, ushort version, ulong recordNumber, long sequence, long timestampNs, int payloadLength)
    {
        int size = SizeOf(payloadLength);
        var record = destination[..size];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(record[4..], (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], version);
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], recordNumber);
        BinaryPrimitives.WriteInt64LittleEndian(record[16..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(record[24..], timestampNs);
        uint crc = Crc32C.Compute(record[..(size - JournalFormat.RecordTrailerSize)]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[(size - JournalFormat.RecordTrailerSize)..], crc);
        return size;
    }

    /// <summary>
    /// Checks the record at the start of <paramref name="data"/>: a plausible length that fits,
    /// and a matching CRC. On success <paramref name="record"/> is a view of it.
    /// </summary>
    public static RecordCheck TryRead(ReadOnlySpan<byte> data, out RecordHeader record)
    {
        record = default;
        if (data.Length < JournalFormat.RecordHeaderSize)
        {
            return data.Length == 0 ? RecordCheck.End : RecordCheck.Truncated;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length < JournalFormat.RecordOverhead || length > JournalFormat.MaxRecordSize)
        {
            return RecordCheck.BadLength;
        }

        if (length > data.Length)
        {
            return RecordCheck.Truncated;
        }

        int payloadEnd = (int)length - JournalFormat.RecordTrailerSize;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[payloadEnd..]);
        if (Crc32C.Compute(data[..payloadEnd]) != stored)
        {
            return RecordCheck.BadCrc;
        }

        record = ReadHeader(data);
        return RecordCheck.Valid;
    }

    /// <summary>The header at the start of <paramref name="data"/>, unchecked: for a record <see cref="TryRead"/> has already found whole.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordHeader ReadHeader(ReadOnlySpan<byte> data) => new(
        BinaryPrimitives.ReadInt32LittleEndian(data),
        (RecordType)BinaryPrimitives.ReadUInt16LittleEndian(data[4..]),
        BinaryPrimitives.ReadUInt16LittleEndian(data[6..]),
        BinaryPrimitives.ReadUInt64LittleEndian(data[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(data[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(data[24..]));
}
