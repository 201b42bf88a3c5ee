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
    public void TheLibraryIsTheSystemLiblz4() => Assert.True(Lz4Frame.LibraryVersion >= 10900, $"liblz4 version {Lz4Frame.LibraryVersion}");

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
