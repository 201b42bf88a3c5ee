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
        var destination = new byte[(int)bound];
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            written = Lz4Native.LZ4F_compressFrame(dst, bound, src, (nuint)source.Length, &preferences);
        }

        if (Lz4Native.LZ4F_isError(written) != 0)
        {
            throw new InvalidDataException($"LZ4 compression failed: {Lz4Native.ErrorName(written)}");
        }

        Array.Resize(ref destination, (int)written);
        return destination;
    }

    /// <summary>
    /// Decompresses one LZ4 frame. <paramref name="expectedSize"/> sizes the output buffer when
    /// known; it grows otherwise. Damage (bad checksum, truncation) is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> frame, int expectedSize = 0)
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
            var output = new byte[Math.Max(expectedSize, Math.Max(64 * 1024, frame.Length * 4))];
            int produced = 0;
            int consumed = 0;
            var options = default(Lz4Native.DecompressOptions);
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

            Array.Resize(ref output, produced);
            return output;
        }
        finally
        {
            Lz4Native.LZ4F_freeDecompressionContext(context);
        }
    }
}
