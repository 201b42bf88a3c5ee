using System.Security.Cryptography;
using Engine.Journal.Compression;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>One segment's bytes in memory (decompressed if sealed) and its parsed header.</summary>
public sealed class SegmentContent
{
    private SegmentContent(SegmentFile file, byte[] bytes, int length, long storedBytes, SegmentHeader? header, string? headerError, IReadOnlyList<Lz4BlockDamage> damage)
    {
        File = file;
        Bytes = bytes;
        Length = length;
        StoredBytes = storedBytes;
        Header = header;
        HeaderError = headerError;
        Damage = damage;
    }

    /// <summary>
    /// Damaged LZ4 blocks of a sealed segment: their bytes in <see cref="Bytes"/> are zeroed, so the
    /// records they held fail their checks while every record in the other blocks reads as usual.
    /// Empty for an intact or uncompressed segment.
    /// </summary>
    public IReadOnlyList<Lz4BlockDamage> Damage { get; }

    /// <summary>The file.</summary>
    public SegmentFile File { get; }

    /// <summary>The buffer holding the uncompressed bytes (header, then records) in its first <see cref="Length"/> bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>How many bytes of <see cref="Bytes"/> are the segment's.</summary>
    public int Length { get; }

    /// <summary>The segment's uncompressed bytes.</summary>
    public ReadOnlySpan<byte> Span => Bytes.AsSpan(0, Length);

    /// <summary>Bytes on disk (compressed for a sealed segment).</summary>
    public long StoredBytes { get; }

    /// <summary>The header, or null when it could not be read.</summary>
    public SegmentHeader? Header { get; }

    /// <summary>Why the header could not be read.</summary>
    public string? HeaderError { get; }

    /// <summary>SHA-256 of the uncompressed bytes: what the next segment's header must carry.</summary>
    public byte[] ContentSha256() => SHA256.HashData(Span);

    /// <summary>Reads (and for a sealed segment, decompresses) <paramref name="file"/> into a buffer of its own; damaged LZ4 blocks are listed in <see cref="Damage"/>. A frame that cannot be opened at all is an <see cref="InvalidDataException"/>.</summary>
    public static SegmentContent Load(SegmentFile file) => Load(file, (SegmentBuffers?)null);

    /// <summary>
    /// Reads <paramref name="file"/> using <paramref name="buffers"/> (and leaves the buffers it
    /// used there for the next segment): a reader that goes through many segments then faults in
    /// its memory once. The content's <see cref="Bytes"/> is a reused buffer: it stays valid only
    /// until the buffers are used again.
    /// </summary>
    public static SegmentContent Load(SegmentFile file, SegmentBuffers? buffers, bool verifyFrameChecksum = true)
    {
        ArgumentNullException.ThrowIfNull(file);
        byte[] stored;
        int storedLength;
        using (var stream = OpenStored(file))
        {
            storedLength = (int)stream.Length;
            stored = StoredBuffer(file, buffers, storedLength);
            stream.ReadExactly(stored.AsSpan(0, storedLength));
        }

        return FromStored(file, stored, storedLength, buffers, verifyFrameChecksum);
    }

    /// <summary>Opens <paramref name="file"/> for one sequential read of its stored bytes.</summary>
    internal static FileStream OpenStored(SegmentFile file) =>
        new(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    /// <summary>The buffer <paramref name="file"/>'s <paramref name="length"/> stored bytes are read into: one of <paramref name="buffers"/> (kept there for the next segment), or a new one.</summary>
    internal static byte[] StoredBuffer(SegmentFile file, SegmentBuffers? buffers, int length)
    {
        if (buffers is null)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        byte[]? slot = file.Sealed ? buffers.Stored : buffers.Content;
        byte[] stored = SegmentBuffers.Ensure(ref slot, length);
        if (file.Sealed)
        {
            buffers.Stored = slot;
        }
        else
        {
            buffers.Content = slot;
        }

        return stored;
    }

    /// <summary>The content of <paramref name="file"/> from its stored bytes: as they are, or decompressed for a sealed segment.</summary>
    internal static SegmentContent FromStored(SegmentFile file, byte[] stored, int storedLength, SegmentBuffers? buffers, bool verifyFrameChecksum)
    {
        if (!file.Sealed)
        {
            return Parse(file, stored, storedLength, storedLength, []);
        }

        var frame = stored.AsSpan(0, storedLength);
        var damage = new List<Lz4BlockDamage>();
        try
        {
            if (buffers is not null && Lz4Frame.DeclaredContentSize(frame) is { } size)
            {
                byte[]? slot = buffers.Content;
                byte[] content = SegmentBuffers.Ensure(ref slot, size);
                buffers.Content = slot;
                int length = Lz4Frame.DecompressInto(frame, content, verifyFrameChecksum, damage);
                return Parse(file, content, length, storedLength, damage);
            }

            byte[] bytes = Lz4Frame.Decompress(frame, damage: damage);
            return Parse(file, bytes, bytes.Length, storedLength, damage);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"segment {file.Number} ({Path.GetFileName(file.Path)}): {ex.Message}", ex);
        }
    }

    private static SegmentContent Parse(SegmentFile file, byte[] bytes, int length, long storedBytes, IReadOnlyList<Lz4BlockDamage> damage)
    {
        SegmentHeader.TryRead(bytes.AsSpan(0, length), out var header, out string? error);
        return new SegmentContent(file, bytes, length, storedBytes, header, error, damage);
    }
}
