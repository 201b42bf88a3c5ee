using System.Buffers.Binary;
using K4os.Compression.LZ4;
using K4os.Hash.xxHash;

namespace Engine.Journal.Compression;

/// <summary>
/// Whole-buffer LZ4 frames (the standard frame format, so the stock <c>lz4</c> tool opens them),
/// compressed block by block with the managed K4os codec. Sealed segments are written with
/// independent 256 KiB blocks, a checksum on every block, the content size and a content
/// checksum: damage is then confined to the blocks it touches. Reading checks every block and, where one is damaged, reports its byte
/// ranges, leaves its part of the content zeroed and goes on with the next block, so a flipped
/// byte costs the records of one block, never the segment. Frames with linked blocks (written by
/// earlier versions through liblz4) are read too.
/// </summary>
public static class Lz4Frame
{
    /// <summary>
    /// The block size sealed segments use: small enough that a damaged block costs little, large
    /// enough to compress well (measured with <c>engine bench journal</c>: tick segments compress
    /// 3.07:1 in 256 KiB blocks against 2.89:1 in 64 KiB blocks, and seal about 20% faster).
    /// </summary>
    public const int BlockSize = 256 * 1024;

    private const uint Magic = 0x184D2204;
    private const uint SkippableMagicMask = 0xFFFFFFF0;
    private const uint SkippableMagic = 0x184D2A50;
    private const int LinkedWindow = 64 * 1024;

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
    /// <paramref name="level"/> 0-2 is the fast compressor, 3-12 the high-compression levels.
    /// </summary>
    public static int CompressInto(ReadOnlySpan<byte> source, ref byte[]? destination, int level = 0)
    {
        int bound = FrameBound(source.Length);
        if (destination is null || destination.Length < bound)
        {
            destination = GC.AllocateUninitializedArray<byte>(bound);
        }

        // The frame around K4os's block codec (its frame writer cannot declare the content size,
        // which readers use to size their output once and to place a damaged block's bytes).
        var frame = destination.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Magic);
        frame[4] = 0x40 | 0x20 | 0x10 | 0x08 | 0x04;    // version 1, independent blocks, block checksums, content size, content checksum
        frame[5] = 5 << 4;                               // 256 KiB blocks
        BinaryPrimitives.WriteUInt64LittleEndian(frame[6..], (ulong)source.Length);
        frame[14] = (byte)((XXH32.DigestOf(frame[4..14]) >> 8) & 0xFF);
        int offset = 15;
        var codecLevel = level <= 2 ? LZ4Level.L00_FAST : (LZ4Level)Math.Min(level, 12);
        for (int start = 0; start < source.Length; start += BlockSize)
        {
            var block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            var data = frame[(offset + 4)..];
            int compressed = LZ4Codec.Encode(block, data, codecLevel);
            uint word;
            if (compressed <= 0 || compressed >= block.Length)
            {
                // Incompressible: stored as it is, flagged in the size word's high bit.
                block.CopyTo(data);
                compressed = block.Length;
                word = 0x8000_0000u | (uint)block.Length;
            }
            else
            {
                word = (uint)compressed;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(frame[offset..], word);
            BinaryPrimitives.WriteUInt32LittleEndian(frame[(offset + 4 + compressed)..], XXH32.DigestOf(data[..compressed]));
            offset += 4 + compressed + 4;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(frame[offset..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[(offset + 4)..], XXH32.DigestOf(source));
        return offset + 8;
    }

    /// <summary>
    /// The uncompressed size an LZ4 frame declares in its header (frames this journal writes always
    /// do), or null. Lets the reader allocate the output exactly once.
    /// </summary>
    public static long? DeclaredContentSize(ReadOnlySpan<byte> frame) =>
        TryReadHeader(frame, out var header, out _) ? header.ContentSize : null;

    /// <summary>
    /// Decompresses one LZ4 frame into <paramref name="destination"/>, which must hold the whole
    /// content (see <see cref="DeclaredContentSize"/>); returns the bytes written. A damaged block is
    /// added to <paramref name="damage"/> (its content left zeroed, decoding goes on with the next
    /// block); without a list, the first damage is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static int DecompressInto(ReadOnlySpan<byte> frame, Span<byte> destination, bool verifyContentChecksum = true, List<Lz4BlockDamage>? damage = null)
    {
        if (!TryReadHeader(frame, out var header, out string? error))
        {
            throw new InvalidDataException($"not an LZ4 frame this reader can open: {error}");
        }

        return DecodeBlocks(frame, header, new GrowableOutput(destination), verifyContentChecksum, damage).Length;
    }

    /// <summary>
    /// Decompresses one LZ4 frame into a new buffer (sized from the declared content size, or grown
    /// as needed). Damage as in <see cref="DecompressInto"/>.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> frame, int expectedSize = 0, List<Lz4BlockDamage>? damage = null)
    {
        if (!TryReadHeader(frame, out var header, out string? error))
        {
            throw new InvalidDataException($"not an LZ4 frame this reader can open: {error}");
        }

        if (header.ContentSize is > int.MaxValue)
        {
            throw new InvalidDataException($"LZ4 frame declares {header.ContentSize} bytes, more than one segment can hold.");
        }

        int capacity = header.ContentSize is { } size ? (int)size : Math.Max(expectedSize, Math.Max(BlockSize, frame.Length * 4));
        var output = new GrowableOutput(GC.AllocateUninitializedArray<byte>(Math.Max(1, capacity)), grow: header.ContentSize is null);
        var result = DecodeBlocks(frame, header, output, verifyContentChecksum: true, damage);
        return result.Array is { } array && array.Length == result.Length ? array : result.Span[..result.Length].ToArray();
    }

    private static GrowableOutput DecodeBlocks(ReadOnlySpan<byte> frame, in FrameHeader header, GrowableOutput output, bool verifyContentChecksum, List<Lz4BlockDamage>? damage)
    {
        int offset = header.Length;
        int produced = 0;
        int block = 0;
        bool anyDamage = false;
        while (true)
        {
            if (offset + 4 > frame.Length)
            {
                Fail(damage, new Lz4BlockDamage(block, offset, frame.Length - offset, produced, RemainingContent(header, produced), $"the frame is truncated: it ends at byte {frame.Length} before its end mark"));
                produced = ZeroRest(output, header, produced);
                anyDamage = true;
                break;
            }

            uint word = BinaryPrimitives.ReadUInt32LittleEndian(frame[offset..]);
            if (word == 0)
            {
                offset += 4;
                break;
            }

            bool stored = (word & 0x8000_0000u) != 0;
            int size = (int)(word & 0x7FFF_FFFFu);
            int checksumLength = header.BlockChecksum ? 4 : 0;
            string? problem = size > header.BlockMaxSize ? $"its size field says {size} bytes, more than the frame's {header.BlockMaxSize}-byte blocks"
                : offset + 4 + size + checksumLength > frame.Length ? $"it runs {offset + 4 + size + checksumLength - frame.Length} bytes past the end of the frame"
                : null;
            if (problem is null && header.BlockChecksum)
            {
                var data = frame.Slice(offset + 4, size);
                uint expected = BinaryPrimitives.ReadUInt32LittleEndian(frame[(offset + 4 + size)..]);
                if (XXH32.DigestOf(data) != expected)
                {
                    problem = "its checksum does not match its bytes";
                }
            }

            int decoded = -1;
            if (problem is null)
            {
                var data = frame.Slice(offset + 4, size);
                int room = header.ContentSize is { } total ? (int)Math.Min(header.BlockMaxSize, total - produced) : header.BlockMaxSize;
                if (room < 0)
                {
                    problem = "the frame holds more than its declared content size";
                }
                else
                {
                    var target = output.Reserve(produced, room);
                    if (stored)
                    {
                        decoded = size <= room ? size : -1;
                        if (decoded >= 0)
                        {
                            data.CopyTo(target);
                        }
                    }
                    else if (header.Linked && produced > 0)
                    {
                        int window = Math.Min(LinkedWindow, produced);
                        decoded = LZ4Codec.Decode(data, target, output.Span.Slice(produced - window, window));
                    }
                    else
                    {
                        decoded = LZ4Codec.Decode(data, target);
                    }

                    if (decoded < 0)
                    {
                        problem = "it does not decompress";
                    }
                }
            }

            if (problem is null)
            {
                produced += decoded;
                offset += 4 + size + checksumLength;
                block++;
                continue;
            }

            // A damaged block: its content is zeroed (every block but the last holds exactly one
            // block size), and decoding resumes at the next offset that reads as a whole block.
            anyDamage = true;
            int resume = FindNextBlock(frame, header, offset + 1);
            int lost = resume < 0 ? RemainingContent(header, produced) : LostBefore(header, produced, frame, resume);
            Fail(damage, new Lz4BlockDamage(block, offset, (resume < 0 ? frame.Length : resume) - offset, produced, lost, problem));
            output.Reserve(produced, lost).Clear();
            produced += lost;
            if (resume < 0)
            {
                produced = ZeroRest(output, header, produced);
                break;
            }

            offset = resume;
            block += Math.Max(1, lost / header.BlockMaxSize);
        }

        if (!anyDamage)
        {
            if (header.ContentSize is { } declared && produced != declared)
            {
                Fail(damage, new Lz4BlockDamage(block, offset, 0, produced, 0, $"the frame declares {declared} bytes but holds {produced}"));
            }

            if (header.ContentChecksum)
            {
                if (offset + 4 > frame.Length)
                {
                    Fail(damage, new Lz4BlockDamage(block, offset, frame.Length - offset, produced, 0, "the frame ends before its content checksum"));
                }
                else if (verifyContentChecksum && XXH32.DigestOf(output.Span[..produced]) != BinaryPrimitives.ReadUInt32LittleEndian(frame[offset..]))
                {
                    Fail(damage, new Lz4BlockDamage(-1, 0, frame.Length, 0, produced, "the content checksum does not match the decompressed bytes"));
                }

                offset += 4;
            }

            if (offset < frame.Length && damage is null)
            {
                throw new InvalidDataException($"{frame.Length - offset} bytes follow the LZ4 frame's end.");
            }
        }

        output.Length = produced;
        return output;
    }

    // Every block but the last decompresses to exactly the block size, so what a damaged stretch
    // held follows from the declared size and the number of blocks after it.
    private static int LostBefore(in FrameHeader header, int produced, ReadOnlySpan<byte> frame, int resume)
    {
        int remaining = RemainingContent(header, produced);
        if (header.ContentSize is null)
        {
            return header.BlockMaxSize;
        }

        int after = 0;
        int tail = header.BlockChecksum ? 4 : 0;
        for (int at = resume; at + 4 <= frame.Length; after++)
        {
            uint word = BinaryPrimitives.ReadUInt32LittleEndian(frame[at..]);
            if (word == 0)
            {
                break;
            }

            int size = (int)(word & 0x7FFF_FFFFu);
            if (size > header.BlockMaxSize)
            {
                // The stretch after the resume point is damaged too; it is reported when reached.
                return Math.Min(remaining, header.BlockMaxSize);
            }

            at += 4 + size + tail;
        }

        long total = header.ContentSize.Value;
        long blocks = (total + header.BlockMaxSize - 1) / header.BlockMaxSize;
        long before = produced / header.BlockMaxSize;
        long lostBlocks = Math.Max(1, blocks - before - after);
        return (int)Math.Min(remaining, lostBlocks * header.BlockMaxSize);
    }

    private static int RemainingContent(in FrameHeader header, int produced) =>
        header.ContentSize is { } total ? (int)Math.Max(0, total - produced) : 0;

    private static int ZeroRest(GrowableOutput output, in FrameHeader header, int produced)
    {
        int rest = RemainingContent(header, produced);
        output.Reserve(produced, rest).Clear();
        return produced + rest;
    }

    // The next offset holding a whole, checksummed block (or the end mark followed by the content
    // checksum at the frame's end). A random 32-bit size field rarely passes the size test, so the
    // checksum, the only costly check, runs seldom.
    private static int FindNextBlock(ReadOnlySpan<byte> frame, in FrameHeader header, int from)
    {
        if (!header.BlockChecksum)
        {
            return -1;
        }

        int tail = header.ContentChecksum ? 8 : 4;
        for (int at = from; at + 4 <= frame.Length; at++)
        {
            uint word = BinaryPrimitives.ReadUInt32LittleEndian(frame[at..]);
            if (word == 0)
            {
                if (at + tail == frame.Length)
                {
                    return at;
                }

                continue;
            }

            int size = (int)(word & 0x7FFF_FFFFu);
            if (size == 0 || size > header.BlockMaxSize || at + 4 + size + 4 > frame.Length)
            {
                continue;
            }

            if (XXH32.DigestOf(frame.Slice(at + 4, size)) == BinaryPrimitives.ReadUInt32LittleEndian(frame[(at + 4 + size)..]))
            {
                return at;
            }
        }

        return -1;
    }

    private static void Fail(List<Lz4BlockDamage>? damage, Lz4BlockDamage found)
    {
        if (damage is null)
        {
            throw new InvalidDataException($"LZ4 frame is damaged: {found}");
        }

        damage.Add(found);
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> frame, out FrameHeader header, out string? error)
    {
        header = default;
        if (frame.Length < 7)
        {
            error = $"{frame.Length} bytes are too few for a frame header";
            return false;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (magic != Magic)
        {
            error = (magic & SkippableMagicMask) == SkippableMagic ? "a skippable frame, not a data frame" : $"the magic number is {magic:X8}, not {Magic:X8}";
            return false;
        }

        byte flg = frame[4];
        byte bd = frame[5];
        if ((flg >> 6) != 1)
        {
            error = $"frame version {flg >> 6} (only version 1 exists)";
            return false;
        }

        int blockId = (bd >> 4) & 0x7;
        if (blockId < 4)
        {
            error = $"block size id {blockId} is reserved";
            return false;
        }

        bool hasSize = (flg & 0x08) != 0;
        bool hasDictionary = (flg & 0x01) != 0;
        int length = 6 + (hasSize ? 8 : 0) + (hasDictionary ? 4 : 0) + 1;
        if (frame.Length < length)
        {
            error = "the frame header is cut short";
            return false;
        }

        byte check = (byte)((XXH32.DigestOf(frame[4..(length - 1)]) >> 8) & 0xFF);
        if (check != frame[length - 1])
        {
            error = "the frame header's checksum does not match (the header is damaged)";
            return false;
        }

        if (hasDictionary)
        {
            error = "frames that need an external dictionary are not used by the journal";
            return false;
        }

        header = new FrameHeader(
            Linked: (flg & 0x20) == 0,
            BlockChecksum: (flg & 0x10) != 0,
            ContentChecksum: (flg & 0x04) != 0,
            ContentSize: hasSize ? (long)BinaryPrimitives.ReadUInt64LittleEndian(frame[6..]) : null,
            BlockMaxSize: 1 << (8 + (2 * blockId)),
            Length: length);
        error = null;
        return true;
    }

    // Header, then per block a size word, at most the block's bound, and a checksum; end mark and content checksum.
    private static int FrameBound(int length)
    {
        int blocks = Math.Max(1, (length + BlockSize - 1) / BlockSize);
        return 19 + (blocks * (8 + LZ4Codec.MaximumOutputSize(BlockSize))) + 8;
    }

    private readonly record struct FrameHeader(bool Linked, bool BlockChecksum, bool ContentChecksum, long? ContentSize, int BlockMaxSize, int Length);

    // The decoder's output: a caller's span, or an array of its own that may grow for frames that
    // do not declare their size.
    private ref struct GrowableOutput
    {
        private readonly bool _grow;
        private Span<byte> _span;

        public GrowableOutput(Span<byte> span)
        {
            _span = span;
            Array = null;
            _grow = false;
            Length = 0;
        }

        public GrowableOutput(byte[] array, bool grow)
        {
            _span = array;
            Array = array;
            _grow = grow;
            Length = 0;
        }

        public byte[]? Array { get; private set; }

        public int Length { get; set; }

        public readonly Span<byte> Span => _span;

        public Span<byte> Reserve(int at, int count)
        {
            if (at + count > _span.Length)
            {
                if (!_grow || Array is null)
                {
                    throw new InvalidDataException($"the destination of {_span.Length} bytes is too small for the LZ4 frame's content");
                }

                var bigger = GC.AllocateUninitializedArray<byte>(Math.Max(at + count, Array.Length * 2));
                _span[..at].CopyTo(bigger);
                Array = bigger;
                _span = bigger;
            }

            return _span.Slice(at, count);
        }
    }
}
