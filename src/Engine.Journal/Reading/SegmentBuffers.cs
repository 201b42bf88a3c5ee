namespace Engine.Journal.Reading;

/// <summary>
/// Buffers a reader reuses from segment to segment: one for the file's bytes and one for the
/// decompressed content, or the map of a rolled uncompressed segment read in place. Reusing them
/// saves faulting in fresh memory for every 64 MiB segment, which otherwise costs as much as
/// decompressing it.
/// </summary>
public sealed class SegmentBuffers
{
    private MappedSegment? _mapping;

    /// <summary>The last file read (compressed bytes for a sealed segment).</summary>
    public byte[]? Stored { get; set; }

    /// <summary>The last decompressed content.</summary>
    public byte[]? Content { get; set; }

    /// <summary>The schema of the last header read into these buffers: the next segment's header shares it rather than copying its own.</summary>
    internal byte[]? KnownSchema { get; set; }

    /// <summary>True while a segment loaded into these buffers is mapped rather than copied.</summary>
    public bool HoldsMap => _mapping is { IsReleased: false };

    /// <summary>Unmaps the segment these buffers hold mapped, if any: its content's memory then throws when read.</summary>
    public void ReleaseMap() => Interlocked.Exchange(ref _mapping, null)?.Release();

    /// <summary>Keeps <paramref name="mapping"/> as these buffers' content, unmapping the one before.</summary>
    internal void Hold(MappedSegment mapping) => Interlocked.Exchange(ref _mapping, mapping)?.Release();

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
