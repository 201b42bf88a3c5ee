using System.Diagnostics;
using Engine.Journal.Compression;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>Our LZ4 frames against the reference tool: each side reads what the other writes.</summary>
public sealed class Lz4FrameTests
{
    [Fact]
    public void CompressThenDecompressGivesTheSameBytes()
    {
        var gen = Gen.ArrayOf(Gen.Choose(0, 12).Select(b => (byte)b)).Select(a => a.Concat(a).Concat(a).ToArray());
        Prop.ForAll(Arb.From(gen), bytes => Lz4Frame.Decompress(Lz4Frame.Compress(bytes)).AsSpan().SequenceEqual(bytes))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheStockLz4ToolDecompressesOurFramesAndWeDecompressItsFrames()
    {
        var content = new byte[300_000];
        new Random(5).NextBytes(content.AsSpan(0, 50_000));   // incompressible head, compressible zero tail
        string dir = Directory.CreateTempSubdirectory("lz4-").FullName;
        try
        {
            string ours = Path.Combine(dir, "ours.lz4");
            File.WriteAllBytes(ours, Lz4Frame.Compress(content));
            RunLz4("-d", "-f", ours, Path.Combine(dir, "ours.out"));
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(dir, "ours.out")));

            string raw = Path.Combine(dir, "theirs.bin");
            File.WriteAllBytes(raw, content);
            RunLz4("-f", raw, Path.Combine(dir, "theirs.lz4"));
            Assert.Equal(content, Lz4Frame.Decompress(File.ReadAllBytes(Path.Combine(dir, "theirs.lz4"))));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void DamagedAndTruncatedFramesAreReportedNotMisread()
    {
        var content = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray();
        var frame = Lz4Frame.Compress(content);
        var truncated = frame[..^10];
        Assert.Throws<InvalidDataException>(() => Lz4Frame.Decompress(truncated));
        var flipped = (byte[])frame.Clone();
        flipped[frame.Length / 2] ^= 0x40;
        Assert.Throws<InvalidDataException>(() => Lz4Frame.Decompress(flipped));
    }

    [Fact]
    public void FramesHaveIndependentChecksummedBlocksAndDeclareTheirSize()
    {
        var frame = Lz4Frame.Compress(new byte[200_000]);
        byte flg = frame[4];
        Assert.Equal(0x184D2204u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frame));
        Assert.Equal(1, flg >> 6);                  // version 01
        Assert.NotEqual(0, flg & 0x20);            // independent blocks
        Assert.NotEqual(0, flg & 0x10);            // block checksums
        Assert.NotEqual(0, flg & 0x08);            // content size
        Assert.NotEqual(0, flg & 0x04);            // content checksum
        Assert.Equal(5, (frame[5] >> 4) & 7);      // 256 KiB blocks
        Assert.Equal(200_000L, Lz4Frame.DeclaredContentSize(frame));
    }

    [Fact]
    public void AFlippedByteAnywhereInABlockLosesThatBlockAloneAndSaysWhere()
    {
        var gen = from blocks in Gen.Choose(2, 6)
                  from seed in Gen.Choose(0, 10_000)
                  from position in Gen.Choose(0, 1_000_000)
                  from bit in Gen.Choose(0, 7)
                  select (blocks, seed, position, bit);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var content = Compressible(c.blocks * Lz4Frame.BlockSize - 1000, c.seed);
            var frame = Lz4Frame.Compress(content);

            // Anywhere after the frame header and before the end mark and content checksum.
            int at = 15 + (c.position % (frame.Length - 15 - 8));
            frame[at] ^= (byte)(1 << c.bit);
            var damage = new List<Lz4BlockDamage>();
            var output = Lz4Frame.Decompress(frame, damage: damage);
            if (output.Length != content.Length || damage.Count != 1)
            {
                return false.Label($"{damage.Count} damaged stretches: {string.Join("; ", damage)}");
            }

            var d = damage[0];
            bool located = d.StoredOffset <= at && at < d.StoredOffset + d.StoredLength;
            bool oneBlock = d.ContentLength <= Lz4Frame.BlockSize;
            bool restIntact = content.AsSpan(0, (int)d.ContentOffset).SequenceEqual(output.AsSpan(0, (int)d.ContentOffset))
                && content.AsSpan((int)(d.ContentOffset + d.ContentLength)).SequenceEqual(output.AsSpan((int)(d.ContentOffset + d.ContentLength)));
            return (located && oneBlock && restIntact).Label($"flipped {at}: {d}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void FramesWithLinkedBlocksFromEarlierJournalsStillRead()
    {
        var content = Compressible(600_000, 3);
        string dir = Directory.CreateTempSubdirectory("lz4-").FullName;
        try
        {
            string raw = Path.Combine(dir, "linked.bin");
            File.WriteAllBytes(raw, content);
            RunLz4("-BD", "-B4", "--content-size", "-f", raw, Path.Combine(dir, "linked.lz4"));
            Assert.Equal(content, Lz4Frame.Decompress(File.ReadAllBytes(Path.Combine(dir, "linked.lz4"))));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    // Bytes that compress like journal records: small values, repeats, and some noise.
    private static byte[] Compressible(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = i % 7 == 0 ? (byte)random.Next(256) : (byte)(i / 64 % 13);
        }

        return bytes;
    }

    private static void RunLz4(params string[] args)
    {
        var info = new ProcessStartInfo("lz4") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"lz4 {string.Join(' ', args)} failed: {error}");
    }
}
