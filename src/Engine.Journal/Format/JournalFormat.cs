namespace Engine.Journal.Format;

/// <summary>The constants of the on-disk format (see docs/journal-format.md).</summary>
public static class JournalFormat
{
    /// <summary>The format version in every segment header.</summary>
    public const ushort Version = 1;

    /// <summary>The first 8 bytes of every segment.</summary>
    public static ReadOnlySpan<byte> Magic => "ENGJRNL\n"u8;

    /// <summary>Record header bytes: length, type, version, record number, sequence, timestamp.</summary>
    public const int RecordHeaderSize = 32;

    /// <summary>The CRC after each payload.</summary>
    public const int RecordTrailerSize = 4;

    /// <summary>Bytes a record takes beyond its payload.</summary>
    public const int RecordOverhead = RecordHeaderSize + RecordTrailerSize;

    /// <summary>The largest record accepted (a sanity bound against reading garbage lengths).</summary>
    public const int MaxRecordSize = 16 * 1024 * 1024;

    /// <summary>Segment header bytes before the schema.</summary>
    public const int SegmentFixedHeaderSize = 100;

    /// <summary>The extension of an active (uncompressed) segment.</summary>
    public const string ActiveExtension = ".seg";

    /// <summary>The extension of a sealed (LZ4 frame) segment.</summary>
    public const string SealedExtension = ".seg.lz4";

    /// <summary>The file listing segments moved out by the archive command.</summary>
    public const string ArchiveManifest = "ARCHIVED";

    /// <summary>The file a writer holds exclusively while the journal is open.</summary>
    public const string WriterLock = "writer.lock";

    /// <summary>Appended to a segment's file name while the file is a spare, created ahead of its roll (holds no records).</summary>
    public const string SpareSuffix = ".next";
}
