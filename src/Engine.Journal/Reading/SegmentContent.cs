using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Engine.Journal.Compression;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// One segment's bytes in memory (decompressed if sealed) and its header. Loaded through a
/// reader's reused <see cref="SegmentBuffers"/>, the content is those buffers' own, reset for
/// each segment they take: like its bytes, it describes the segment only until they are used again.
/// </summary>
public sealed class SegmentContent
{
    private SegmentBuffers? _buffers;
    private SegmentHeader? _header;
    private int _headerLength;

    private SegmentContent(SegmentFile file, byte[]? array, MappedSegment? mapping, int length, long storedBytes, IReadOnlyList<Lz4BlockDamage> damage, SegmentBuffers? buffers)
    {
        Reset(file, array, mapping, length, storedBytes, damage, buffers);
    }

    /// <summary>
    /// Damaged LZ4 blocks of a sealed segment: their bytes in <see cref="Memory"/> are zeroed, so the
    /// records they held fail their checks while every record in the other blocks reads as usual.
    /// Empty for an intact or uncompressed segment.
    /// </summary>
    public IReadOnlyList<Lz4BlockDamage> Damage { get; private set; }

    /// <summary>The file.</summary>
    public SegmentFile File { get; private set; }

    /// <summary>
    /// The segment's uncompressed bytes (header, then records): in a buffer, or the file's pages
    /// mapped in place where a reader reusing its buffers reads a rolled uncompressed segment
    /// (<see cref="IsMapped"/>). Mapped memory throws <see cref="ObjectDisposedException"/> once
    /// the reader has let it go.
    /// </summary>
    public ReadOnlyMemory<byte> Memory { get; private set; }

    /// <summary>How many bytes the segment's content has.</summary>
    public int Length { get; private set; }

    /// <summary>The segment's uncompressed bytes.</summary>
    public ReadOnlySpan<byte> Span => Array is { } array ? array.AsSpan(0, Length) : Memory.Span;

    /// <summary>True when the content is the file's pages mapped in place rather than a copy.</summary>
    public bool IsMapped => Mapping is not null;

    /// <summary>The buffer holding the content in its first <see cref="Length"/> bytes; null when mapped.</summary>
    internal byte[]? Array { get; private set; }

    /// <summary>The map holding the content; null when in a buffer.</summary>
    internal MappedSegment? Mapping { get; private set; }

    /// <summary>Bytes on disk (compressed for a sealed segment).</summary>
    public long StoredBytes { get; private set; }

    /// <summary>
    /// The header, or null when it could not be read. Built when first asked for: a reader that
    /// only walks the records needs <see cref="HeaderLength"/>, which costs no allocation.
    /// </summary>
    public SegmentHeader? Header
    {
        get
        {
            if (_header is null && _headerLength > 0)
            {
                SegmentHeader.TryRead(Span, _buffers?.KnownSchema, out _header, out _);
                if (_buffers is not null && _header is not null)
                {
                    _buffers.KnownSchema = _header.SchemaJson;
                }
            }

            return _header;
        }
    }

    /// <summary>Where the records begin: the header's length, or 0 when it could not be read.</summary>
    public int HeaderLength => _headerLength;

    /// <summary>Why the header could not be read.</summary>
    public string? HeaderError { get; private set; }

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
        if (mapRolled && buffers is not null && !file.Sealed && buffers.Map.TryMap(file.Path))
        {
            var mapping = buffers.Map;
            return Make(file, null, mapping, mapping.Length, mapping.Length, [], buffers);
        }

        byte[] stored;
        int storedLength;
        var opened = StoredSegmentFile.Open(file.Path);
        try
        {
            storedLength = checked((int)opened.Length);
            stored = StoredBuffer(file, buffers, storedLength);
            opened.ReadExactly(stored.AsSpan(0, storedLength), 0);
        }
        finally
        {
            opened.Close();
        }

        return FromStored(file, stored, storedLength, buffers, verifyFrameChecksum);
    }

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
        var damage = buffers?.Damage ?? new List<Lz4BlockDamage>();
        damage.Clear();
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
        Make(file, bytes, null, length, storedBytes, damage, buffers);

    // Through buffers, the content they held is reset for this segment rather than made anew.
    private static SegmentContent Make(SegmentFile file, byte[]? array, MappedSegment? mapping, int length, long storedBytes, IReadOnlyList<Lz4BlockDamage> damage, SegmentBuffers? buffers)
    {
        if (buffers?.LastContent is { } reused)
        {
            reused.Reset(file, array, mapping, length, storedBytes, damage, buffers);
            return reused;
        }

        var content = new SegmentContent(file, array, mapping, length, storedBytes, damage, buffers);
        if (buffers is not null)
        {
            buffers.LastContent = content;
        }

        return content;
    }

    [MemberNotNull(nameof(File), nameof(Damage))]
    private void Reset(SegmentFile file, byte[]? array, MappedSegment? mapping, int length, long storedBytes, IReadOnlyList<Lz4BlockDamage> damage, SegmentBuffers? buffers)
    {
        File = file;
        Array = array;
        Mapping = mapping;
        Memory = array is not null ? array.AsMemory(0, length) : mapping!.Memory[..length];
        Length = length;
        StoredBytes = storedBytes;
        Damage = damage;
        _buffers = buffers;
        _header = null;
        HeaderError = SegmentHeader.TryCheck(Span, out _headerLength, out string? error) ? null : error;
    }
}
