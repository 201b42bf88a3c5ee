namespace Engine.Journal.Compression;

/// <summary>
/// Whole-buffer LZ4 frame compression and decompression through the system liblz4. Frames carry
/// their content size and a content checksum, so <c>lz4 -d</c> verifies what it restores.
/// </summary>
public static unsafe class Lz4Frame
{
    private const int BlockSize4MiB = 7;

    /// <summary>The LZ4 library version, e.g. 10904 for 1.9.4; throws <see cref="Lz4UnavailableException"/> if it is missing.</summary>
    public static int LibraryVersion
    {
        get
        {
            try
            {
                return Lz4Native.LZ4_versionNumber();
            }
            catch (DllNotFoundException ex)
            {
                throw new Lz4UnavailableException("The LZ4 library (liblz4.so.1) is not installed. Install it with: sudo apt-get install liblz4-1", ex);
            }
        }
    }

    /// <summary>Compresses <paramref name="source"/> into one LZ4 frame.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> source, int level = 0)
    {
        byte[]? destination = null;
        int written = CompressInto(source, ref destination, level);
        Array.Resize(ref destination, written);
        return destination;
    }

    /// <summary>
    /// Compresses <paramref name="source"/> into one LZ4 frame in <paramref name="destination"/>,
    /// which is replaced by a larger buffer only when too small; returns the frame's length.
    /// </summary>
    public static int CompressInto(ReadOnlySpan<byte> source, ref byte[]? destination, int level = 0)
    {
        _ = LibraryVersion;
        var preferences = new Lz4Native.Preferences
        {
            FrameInfo = new Lz4Native.FrameInfo
            {
                BlockSizeId = BlockSize4MiB,
                ContentChecksumFlag = 1,
                ContentSize = (ulong)source.Length,
            },
            CompressionLevel = level,
        };
        nuint bound = Lz4Native.LZ4F_compressFrameBound((nuint)source.Length, &preferences);
        if (destination is null || destination.Length < (int)bound)
        {
            destination = GC.AllocateUninitializedArray<byte>((int)bound);
        }

        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            written = Lz4Native.LZ4F_compressFrame(dst, (nuint)destination.Length, src, (nuint)source.Length, &preferences);
        }

        if (Lz4Native.LZ4F_isError(written) != 0)
        {
            throw new InvalidDataException($"LZ4 compression failed: {Lz4Native.ErrorName(written)}");
        }

        return (int)written;
    }

    /// <summary>
    /// The uncompressed size an LZ4 frame declares in its header (frames this journal writes always
    /// do), or null. Lets the reader allocate the output exactly once.
    /// </summary>
    public static long? DeclaredContentSize(ReadOnlySpan<byte> frame)
    {
        // Frame header: magic 0x184D2204 (LE), FLG, BD, then the content size if FLG bit 3 is set.
        if (frame.Length < 15 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frame) != 0x184D2204u || (frame[4] & 0x08) == 0)
        {
            return null;
        }

        return (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(frame[6..]);
    }

    /// <summary>
    /// Decompresses one LZ4 frame into <paramref name="destination"/>, which must hold the whole
    /// content (see <see cref="DeclaredContentSize"/>); returns the bytes written. Lets a reader
    /// reuse one buffer for segment after segment instead of faulting in fresh memory each time.
    /// </summary>
    public static int DecompressInto(ReadOnlySpan<byte> frame, Span<byte> destination, bool verifyContentChecksum = true)
    {
        _ = LibraryVersion;
        IntPtr context;
        nuint created = Lz4Native.LZ4F_createDecompressionContext(&context, Lz4Native.Version);
        if (Lz4Native.LZ4F_isError(created) != 0)
        {
            throw new InvalidDataException($"LZ4 decompression context: {Lz4Native.ErrorName(created)}");
        }

        try
        {
            var options = new Lz4Native.DecompressOptions { StableDst = 1, SkipChecksums = verifyContentChecksum ? 0u : 1u };
            nuint dstSize = (nuint)destination.Length;
            nuint srcSize = (nuint)frame.Length;
            nuint hint;
            fixed (byte* src = frame)
            fixed (byte* dst = destination)
            {
                hint = Lz4Native.LZ4F_decompress(context, dst, &dstSize, src, &srcSize, &options);
            }

            if (Lz4Native.LZ4F_isError(hint) != 0)
            {
                throw new InvalidDataException($"LZ4 frame is damaged: {Lz4Native.ErrorName(hint)}");
            }

            if (hint != 0)
            {
                throw new InvalidDataException(srcSize < (nuint)frame.Length
                    ? $"the destination of {destination.Length} bytes is too small for the LZ4 frame's content"
                    : $"LZ4 frame is truncated: it ends at byte {frame.Length} before its end mark.");
            }

            if (srcSize != (nuint)frame.Length)
            {
                throw new InvalidDataException($"{frame.Length - (int)srcSize} bytes follow the LZ4 frame's end.");
            }

            return (int)dstSize;
        }
        finally
        {
            Lz4Native.LZ4F_freeDecompressionContext(context);
        }
    }

    /// <summary>
    /// Decompresses one LZ4 frame. The output is sized from the frame's declared content size when
    /// present (and from <paramref name="expectedSize"/> or a guess otherwise, growing as needed).
    /// Damage (bad checksum, truncation) is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> frame, int expectedSize = 0)
    {
        _ = LibraryVersion;
        long? declared = DeclaredContentSize(frame);
        if (declared is > int.MaxValue)
        {
            throw new InvalidDataException($"LZ4 frame declares {declared} bytes, more than one segment can hold.");
        }

        IntPtr context;
        nuint created = Lz4Native.LZ4F_createDecompressionContext(&context, Lz4Native.Version);
        if (Lz4Native.LZ4F_isError(created) != 0)
        {
            throw new InvalidDataException($"LZ4 decompression context: {Lz4Native.ErrorName(created)}");
        }

        try
        {
            // Uninitialized: every byte is overwritten, and zeroing 64 MiB costs as much as decompressing it.
            int capacity = declared is { } d ? (int)d : Math.Max(expectedSize, Math.Max(64 * 1024, frame.Length * 4));
            var output = GC.AllocateUninitializedArray<byte>(Math.Max(1, capacity));
            int produced = 0;
            int consumed = 0;
            // The whole output stays in one buffer for the whole call: tell liblz4 so, or it decodes
            // linked blocks through its own buffer and copies every byte out again.
            var options = new Lz4Native.DecompressOptions { StableDst = 1 };
            fixed (byte* src = frame)
            {
                while (true)
                {
                    if (produced == output.Length)
                    {
                        Array.Resize(ref output, output.Length * 2);
                    }

                    nuint dstSize = (nuint)(output.Length - produced);
                    nuint srcSize = (nuint)(frame.Length - consumed);
                    nuint hint;
                    fixed (byte* dst = output)
                    {
                        hint = Lz4Native.LZ4F_decompress(context, dst + produced, &dstSize, src + consumed, &srcSize, &options);
                    }

                    if (Lz4Native.LZ4F_isError(hint) != 0)
                    {
                        throw new InvalidDataException($"LZ4 frame is damaged near byte {consumed} of {frame.Length}: {Lz4Native.ErrorName(hint)}");
                    }

                    produced += (int)dstSize;
                    consumed += (int)srcSize;
                    if (hint == 0)
                    {
                        break;
                    }

                    if (consumed >= frame.Length && srcSize == 0 && dstSize == 0)
                    {
                        throw new InvalidDataException($"LZ4 frame is truncated: it ends at byte {frame.Length} before its end mark.");
                    }
                }
            }

            if (consumed != frame.Length)
            {
                throw new InvalidDataException($"{frame.Length - consumed} bytes follow the LZ4 frame's end.");
            }

            if (declared is { } size && produced != size)
            {
                throw new InvalidDataException($"LZ4 frame declares {size} bytes but holds {produced}.");
            }

            if (produced != output.Length)
            {
                Array.Resize(ref output, produced);
            }

            return output;
        }
        finally
        {
            Lz4Native.LZ4F_freeDecompressionContext(context);
        }
    }
}
