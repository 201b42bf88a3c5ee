namespace Engine.Journal.Reading;

/// <summary>
/// Buffers a reader reuses from segment to segment: one for the file's bytes and one for the
/// decompressed content. Reusing them saves faulting in fresh memory for every 64 MiB segment,
/// which otherwise costs as much as decompressing it.
/// </summary>
public sealed class SegmentBuffers
{
    /// <summary>The last file read (compressed bytes for a sealed segment).</summary>
    public byte[]? Stored { get; set; }

    /// <summary>The last decompressed content.</summary>
    public byte[]? Content { get; set; }

    /// <summary>A buffer of at least <paramref name="length"/> bytes in <paramref name="slot"/>, grown (with headroom) only when too small.</summary>
    internal static byte[] Ensure(ref byte[]? slot, long length)
    {
        if (slot is null || slot.Length < length)
        {
            slot = GC.AllocateUninitializedArray<byte>((int)Math.Min(int.MaxValue, length + (length / 8)));
        }

        return slot;
    }
}
