using System.Buffers.Binary;
using System.Text;

namespace Engine.Journal.Format;

/// <summary>
/// The header at the start of every segment: magic, format version, journal id, segment number,
/// first record number and sequence, creation time, the SHA-256 of the previous segment's content
/// (the hash chain), and the record schema; closed by a CRC-32C.
/// </summary>
/// <param name="JournalId">Shared by every segment of one journal.</param>
/// <param name="SegmentNumber">0, 1, 2, ... with no gaps.</param>
/// <param name="FirstRecordNumber">The record number of the segment's first record.</param>
/// <param name="FirstSequence">The next ring sequence expected when the segment began.</param>
/// <param name="CreatedNs">When the segment was created, Unix ns.</param>
/// <param name="PreviousSha256">SHA-256 of the previous segment's uncompressed bytes; zeros for segment 0.</param>
/// <param name="SchemaJson">The record schema, UTF-8 JSON.</param>
public sealed record SegmentHeader(Guid JournalId, ulong SegmentNumber, ulong FirstRecordNumber, long FirstSequence, long CreatedNs, byte[] PreviousSha256, byte[] SchemaJson)
{
    /// <summary>Bytes the header takes, including its CRC.</summary>
    public int Length => JournalFormat.SegmentFixedHeaderSize + SchemaJson.Length + 4;

    /// <summary>Writes the header.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        JournalFormat.Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], JournalFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)Length);
        JournalId.TryWriteBytes(span[16..32]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], SegmentNumber);
        BinaryPrimitives.WriteUInt64LittleEndian(span[40..], FirstRecordNumber);
        BinaryPrimitives.WriteInt64LittleEndian(span[48..], FirstSequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[56..], CreatedNs);
        PreviousSha256.CopyTo(span[64..96]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[96..], (uint)SchemaJson.Length);
        SchemaJson.CopyTo(span[100..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(Length - 4)..], Crc32C.Compute(span[..(Length - 4)]));
        return bytes;
    }

    /// <summary>Reads a header; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out SegmentHeader? header, out string? error) =>
        TryRead(data, null, out header, out error);

    /// <summary>
    /// Reads a header, taking <paramref name="knownSchema"/> as its <see cref="SchemaJson"/> when
    /// the header's schema is byte for byte the same: every segment of a journal carries one
    /// schema of about 16 KB, and a reader going through a day's segments need not copy it out of
    /// each. The headers read so share one array.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, byte[]? knownSchema, out SegmentHeader? header, out string? error)
    {
        header = null;
        if (!TryCheck(data, out int length, out error))
        {
            return false;
        }

        header = new SegmentHeader(
            new Guid(data[16..32]),
            BinaryPrimitives.ReadUInt64LittleEndian(data[32..]),
            BinaryPrimitives.ReadUInt64LittleEndian(data[40..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[48..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[56..]),
            data[64..96].ToArray(),
            SchemaOf(data[100..(length - 4)], knownSchema));
        return true;
    }

    /// <summary>
    /// Checks a header as <see cref="TryRead(ReadOnlySpan{byte}, out SegmentHeader?, out string?)"/>
    /// does, without building it: <paramref name="length"/> is where the records begin. A reader
    /// walking a day's segments needs only that, and allocates nothing for a sound header.
    /// </summary>
    public static bool TryCheck(ReadOnlySpan<byte> data, out int length, out string? error)
    {
        length = 0;
        if (data.Length < JournalFormat.SegmentFixedHeaderSize + 4)
        {
            error = $"only {data.Length} bytes, shorter than a segment header";
            return false;
        }

        if (!data[..8].SequenceEqual(JournalFormat.Magic))
        {
            error = $"bad magic '{Encoding.ASCII.GetString(data[..8]).Replace("\n", "\\n", StringComparison.Ordinal)}' (not a journal segment)";
            return false;
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        if (version != JournalFormat.Version)
        {
            error = $"format version {version}; this reader knows version {JournalFormat.Version}";
            return false;
        }

        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
        uint schemaLength = BinaryPrimitives.ReadUInt32LittleEndian(data[96..]);
        if (declared != JournalFormat.SegmentFixedHeaderSize + schemaLength + 4 || declared > data.Length)
        {
            error = declared > data.Length ? $"header claims {declared} bytes but the segment has {data.Length}" : $"header length {declared} does not match its schema length {schemaLength}";
            return false;
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)(declared - 4)..]);
        if (Crc32C.Compute(data[..(int)(declared - 4)]) != stored)
        {
            error = "header CRC mismatch (the header was altered or damaged)";
            return false;
        }

        length = (int)declared;
        error = null;
        return true;
    }

    private static byte[] SchemaOf(ReadOnlySpan<byte> schema, byte[]? known) =>
        known is not null && schema.SequenceEqual(known) ? known : schema.ToArray();
}
