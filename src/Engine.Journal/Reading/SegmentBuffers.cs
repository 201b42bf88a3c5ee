using System.Diagnostics.CodeAnalysis;
using Engine.Journal.Compression;

namespace Engine.Journal.Reading;

/// <summary>
/// Buffers a reader reuses from segment to segment: one for the file's bytes and one for the
/// decompressed content, or the map of a rolled uncompressed segment read in place. Reusing them
/// saves faulting in fresh memory for every 64 MiB segment, which otherwise costs as much as
/// decompressing it.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The map is let go by ReleaseMap, which every read through these buffers calls when it ends; it holds no handle, only the mapping.")]
public sealed class SegmentBuffers
{
    private readonly MappedSegment _map = new();

    /// <summary>The last file read (compressed bytes for a sealed segment).</summary>
    public byte[]? Stored { get; set; }

    /// <summary>The last decompressed content.</summary>
    public byte[]? Content { get; set; }

    /// <summary>The schema of the last header read into these buffers: the next segment's header shares it rather than copying its own.</summary>
    internal byte[]? KnownSchema { get; set; }

    /// <summary>The content last loaded into these buffers, reset for the next segment rather than made anew.</summary>
    internal SegmentContent? LastContent { get; set; }

    /// <summary>The cursor over the content last loaded, reset for the next segment's.</summary>
    internal SegmentRecordCursor? LastCursor { get; set; }

    /// <summary>The damaged blocks of the last sealed segment, cleared for the next one.</summary>
    internal List<Lz4BlockDamage> Damage { get; } = [];

    /// <summary>True while a segment loaded into these buffers is mapped rather than copied.</summary>
    public bool HoldsMap => !_map.IsReleased;

    /// <summary>Unmaps the segment these buffers hold mapped, if any: its content's memory then throws when read.</summary>
    public void ReleaseMap() => _map.Release();

    /// <summary>The map these buffers read rolled segments through; mapped again for each.</summary>
    internal MappedSegment Map => _map;

    /// <summary>A buffer of at least <paramref name="length"/> bytes in <paramref name="slot"/>, grown (with headroom) only when too small; a new one has its pages mapped already.</summary>
    internal static byte[] Ensure(ref byte[]? slot, long length)
    {
        if (slot is null || slot.Length < length)
        {
            slot = GC.AllocateUninitializedArray<byte>((int)Math.Min(int.MaxValue, length + (length / 8)));
            TouchEveryPage(slot);
        }

        return slot;
    }

    // The runtime gives a large array fresh pages that the OS maps on their first write. A paced
    // replay reads the next segment into a buffer a piece at a time in its waits, each piece sized
    // for the page cache's speed; a fault per fresh page made the pieces overrun the waits. So a
    // new buffer takes its faults here, once, where it is made.
    private static void TouchEveryPage(byte[] buffer)
    {
        int pageBytes = Environment.SystemPageSize;
        for (int offset = 0; offset < buffer.Length; offset += pageBytes)
        {
            Volatile.Write(ref buffer[offset], 0);
        }

        // The array need not start on a page, so its last page may lie past the last stride.
        if (buffer.Length > 0)
        {
            Volatile.Write(ref buffer[^1], 0);
        }
    }
}
