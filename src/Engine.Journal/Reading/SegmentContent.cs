using System.Security.Cryptography;
using Engine.Journal.Compression;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>One segment's bytes in memory (decompressed if sealed) and its parsed header.</summary>
public sealed class SegmentContent
{
    private SegmentContent(SegmentFile file, byte[]? array, MappedSegment? mapping, int length, long storedBytes, IReadOnlyList<Lz4BlockDamage> damage, SegmentBuffers? buffers)
    {
        File = file;
        Array = array;
        Mapping = mapping;
        Memory = array is not null ? array.AsMemory(0, length) : mapping!.Memory[..length];
        Length = length;
        StoredBytes = storedBytes;
        Damage = damage;
        SegmentHeader.TryRead(Span, buffers?.KnownSchema, out var header, out string? error);
        if (buffers is not null && header is not null)
        {
            buffers.KnownSchema = header.SchemaJson;
        }

        Header = header;
        HeaderError = error;
    }

    /// <summary>
    /// Damaged LZ4 blocks of a sealed segment: their bytes in <see cref="Memory"/> are zeroed, so the
    /// records they held fail their checks while every record in the other blocks reads as usual.
    /// Empty for an intact or uncompressed segment.
    /// </summary>
    public IReadOnlyList<Lz4BlockDamage> Damage { get; }

    /// <summary>The file.</summary>
    public SegmentFile File { get; }

    /// <summary>
    /// The segment's uncompressed bytes (header, then records): in a buffer, or the file's pages
    /// mapped in place where a reader reusing its buffers reads a rolled uncompressed segment
    /// (<see cref="IsMapped"/>). Mapped memory throws <see cref="ObjectDisposedException"/> once
    /// the reader has let it go.
    /// </summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>How many bytes the segment's content has.</summary>
    public int Length { get; }

    /// <summary>The segment's uncompressed bytes.</summary>
    public ReadOnlySpan<byte> Span => Array is { } array ? array.AsSpan(0, Length) : Memory.Span;

    /// <summary>True when the content is the file's pages mapped in place rather than a copy.</summary>
    public bool IsMapped => Mapping is not null;

    /// <summary>The buffer holding the content in its first <see cref="Length"/> bytes; null when mapped.</summary>
    internal byte[]? Array { get; }

    /// <summary>The map holding the content; null when in a buffer.</summary>
    internal MappedSegment? Mapping { get; }

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
    /// its memory once. The content's <see cref="Memory"/> is a reused buffer: it stays valid only
    /// until the buffers are used again.
    /// </summary>
    public static SegmentContent Load(SegmentFile file, SegmentBuffers? buffers, bool verifyFrameChecksum = true) =>
        Load(file, buffers, verifyFrameChecksum, mapRolled: false);

    /// <summary>
    /// As <see cref="Load(SegmentFile, SegmentBuffers?, bool)"/>; with <paramref name="mapRolled"/>
    /// and <paramref name="buffers"/>, an uncompressed segment is mapped in place instead of read
    /// (held by the buffers until they are used again). Only for a segment no writer appends to.
    /// </summary>
    internal static SegmentContent Load(SegmentFile file, SegmentBuffers? buffers, bool verifyFrameChecksum, bool mapRolled)
    {
        ArgumentNullException.ThrowIfNull(file);

        // Whatever these buffers held mapped is the segment two back: it is replaced either way.
        buffers?.ReleaseMap();
        if (mapRolled && buffers is not null && !file.Sealed && MappedSegment.Map(file.Path) is { } mapping)
        {
            buffers.Hold(mapping);
            return new SegmentContent(file, null, mapping, mapping.Length, mapping.Length, [], buffers);
        }

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
            return Parse(file, stored, storedLength, storedLength, [], buffers);
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
                return Parse(file, content, length, storedLength, damage, buffers);
            }

            byte[] bytes = Lz4Frame.Decompress(frame, damage: damage);
            return Parse(file, bytes, bytes.Length, storedLength, damage, buffers);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"segment {file.Number} ({Path.GetFileName(file.Path)}): {ex.Message}", ex);
        }
    }

    private static SegmentContent Parse(SegmentFile file, byte[] bytes, int length, long storedBytes, IReadOnlyList<Lz4BlockDamage> damage, SegmentBuffers? buffers) =>
        new(file, bytes, null, length, storedBytes, damage, buffers);
}
