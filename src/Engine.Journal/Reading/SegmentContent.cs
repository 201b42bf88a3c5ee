using System.Security.Cryptography;
using Engine.Journal.Compression;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>One segment's bytes in memory (decompressed if sealed) and its parsed header.</summary>
public sealed class SegmentContent
{
    private SegmentContent(SegmentFile file, byte[] bytes, long storedBytes, SegmentHeader? header, string? headerError)
    {
        File = file;
        Bytes = bytes;
        StoredBytes = storedBytes;
        Header = header;
        HeaderError = headerError;
    }

    /// <summary>The file.</summary>
    public SegmentFile File { get; }

    /// <summary>The uncompressed bytes: header, then records.</summary>
    public byte[] Bytes { get; }

    /// <summary>Bytes on disk (compressed for a sealed segment).</summary>
    public long StoredBytes { get; }

    /// <summary>The header, or null when it could not be read.</summary>
    public SegmentHeader? Header { get; }

    /// <summary>Why the header could not be read.</summary>
    public string? HeaderError { get; }

    /// <summary>SHA-256 of the uncompressed bytes: what the next segment's header must carry.</summary>
    public byte[] ContentSha256() => SHA256.HashData(Bytes);

    /// <summary>Reads (and for a sealed segment, decompresses) <paramref name="file"/>. LZ4 damage is an <see cref="InvalidDataException"/>.</summary>
    public static SegmentContent Load(SegmentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        byte[] stored;
        using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            stored = new byte[stream.Length];
            stream.ReadExactly(stored);
        }

        byte[] bytes;
        if (file.Sealed)
        {
            try
            {
                bytes = Lz4Frame.Decompress(stored);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"segment {file.Number} ({Path.GetFileName(file.Path)}): {ex.Message}", ex);
            }
        }
        else
        {
            bytes = stored;
        }

        SegmentHeader.TryRead(bytes, out var header, out string? error);
        return new SegmentContent(file, bytes, stored.Length, header, error);
    }
}
