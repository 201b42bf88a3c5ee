using System.Buffers.Binary;
using System.Security.Cryptography;
using Engine.Journal.Compression;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Verification;
using Engine.Journal.Writing;

namespace Engine.Tests.Journal;

/// <summary>
/// Tamper evidence that holds: a forger who rewrites the last segment with valid CRCs (nothing
/// links to it), or the whole chain with every link recomputed, passes the journal's own checks;
/// the signed digest the writer kept at every seal does not let them pass. Nor does an edited
/// digest line, another key, or a sealed segment the digest never saw.
/// </summary>
public sealed class JournalDigestTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void AnUntouchedJournalIsTheOneItsDigestVouchedFor()
    {
        using var folder = new JournalFolder();
        string digest = WriteJournal(folder, segments: 3);
        var check = JournalDigest.Verify(folder.Path, digest, Key);
        Assert.True(check.Ok, string.Join("; ", check.Errors));
        Assert.Equal(folder.Segments.Count, check.Entries);
    }

    [Fact]
    public void ALastSegmentRewrittenWithValidCrcsPassesTheChainButNotTheDigest()
    {
        using var folder = new JournalFolder();
        string digest = WriteJournal(folder, segments: 3);
        var last = folder.Segments.OrderBy(s => s.Number).Last();
        Rewrite(last, EditFirstRecord);

        Assert.True(JournalVerifier.Verify(folder.Path).Ok);   // the gap the digest closes
        var check = JournalDigest.Verify(folder.Path, digest, Key);
        Assert.False(check.Ok);
        Assert.Contains(check.Errors, e => e.StartsWith($"segment {last.Number} hashes to ", StringComparison.Ordinal) && e.EndsWith("it was rewritten", StringComparison.Ordinal));
    }

    [Fact]
    public void AWholeChainRewrittenWithEveryLinkRecomputedFailsTheDigest()
    {
        using var folder = new JournalFolder();
        string digest = WriteJournal(folder, segments: 3);
        var segments = folder.Segments.OrderBy(s => s.Number).ToList();
        byte[] hash = Rewrite(segments[0], EditFirstRecord);
        for (int i = 1; i < segments.Count; i++)
        {
            byte[] previous = hash;
            hash = Rewrite(segments[i], content => Relink(content, previous));
        }

        Assert.True(JournalVerifier.Verify(folder.Path).Ok);
        var check = JournalDigest.Verify(folder.Path, digest, Key);
        Assert.Equal(segments.Count, check.Errors.Count(e => e.EndsWith("it was rewritten", StringComparison.Ordinal)));
    }

    [Fact]
    public void AnEditedDigestLineOrAnotherKeyIsRefused()
    {
        using var folder = new JournalFolder();
        string digest = WriteJournal(folder, segments: 2);
        var other = JournalDigest.Verify(folder.Path, digest, RandomNumberGenerator.GetBytes(32));
        Assert.Equal(2, other.Errors.Count(e => e.Contains("the signature does not match", StringComparison.Ordinal)));

        // The forger rewrites the last segment and puts its new hash into the digest line.
        var last = folder.Segments.OrderBy(s => s.Number).Last();
        string forged = Convert.ToHexStringLower(Rewrite(last, EditFirstRecord));
        string[] lines = File.ReadAllLines(digest);
        string vouched = lines[^1][(lines[^1].IndexOf("\"sha256\":\"", StringComparison.Ordinal) + 10)..][..64];
        lines[^1] = lines[^1].Replace(vouched, forged, StringComparison.Ordinal);
        File.WriteAllLines(digest, lines);
        var check = JournalDigest.Verify(folder.Path, digest, Key);
        Assert.Contains(check.Errors, e => e.StartsWith($"digest line {lines.Length}: the signature does not match", StringComparison.Ordinal));
    }

    [Fact]
    public void ASealedSegmentTheDigestNeverSawIsAnError()
    {
        using var folder = new JournalFolder();
        string digest = WriteJournal(folder, segments: 2);
        File.WriteAllLines(digest, File.ReadAllLines(digest)[..^1]);   // cut short, or the segment added afterwards
        var check = JournalDigest.Verify(folder.Path, digest, Key);
        Assert.Contains(check.Errors, e => e.Contains("is sealed but the digest never vouched for it", StringComparison.Ordinal));
    }

    [Fact]
    public void TheReaderToolsVerifyWithDigestSaysWhetherTheJournalIsTheOneVouchedFor()
    {
        using var folder = new JournalFolder();
        string digest = WriteJournal(folder, segments: 2);
        string keyFile = Path.Combine(folder.Path, "digest.key");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(keyFile, System.Text.Encoding.ASCII, options))
        {
            writer.WriteLine(Convert.ToHexStringLower(Key));
        }

        try
        {
            var (exit, stdout, stderr) = Engine.Tests.Cli.EngineProcess.RunJournal("verify", folder.Path, "--digest", digest, "--key", keyFile);
            Assert.True(exit == 0, stdout + stderr);
            Assert.Contains("OK: the digest vouches for this journal: 2 signed heads", stdout, StringComparison.Ordinal);

            Rewrite(folder.Segments.OrderBy(s => s.Number).Last(), EditFirstRecord);
            (exit, stdout, stderr) = Engine.Tests.Cli.EngineProcess.RunJournal("verify", folder.Path, "--digest", digest, "--key", keyFile);
            Assert.True(exit == 1, stdout + stderr);
            Assert.Contains("OK: journal", stdout, StringComparison.Ordinal);
            Assert.Contains("FAILED: this is not the journal the digest vouched for", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keyFile);
            File.Delete(digest);
        }
    }

    [Fact]
    public void TheKeyIsMadeOwnerOnlyAndAReadableOneIsRefused()
    {
        using var folder = new JournalFolder();
        string keyFile = Path.Combine(folder.Path, "digest.key");
        byte[] key = JournalDigest.LoadOrCreateKey(keyFile);
        Assert.Equal(32, key.Length);
        Assert.Equal(key, JournalDigest.LoadOrCreateKey(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            Assert.Throws<UnauthorizedAccessException>(() => JournalDigest.LoadKey(keyFile));
        }
    }

    // Three segments of ticks, each vouched for at its seal, as the engine does.
    private static string WriteJournal(JournalFolder folder, int segments)
    {
        string digest = Path.Combine(folder.Path, "head.digest");
        File.Delete(digest);
        var options = JournalFolder.Options(folder.Path, segmentBytes: 4_000);
        using (var writer = JournalWriter.Open(new JournalWriterOptions
        {
            Folder = options.Folder,
            SegmentBytes = options.SegmentBytes,
            BufferBytes = options.BufferBytes,
            OnSealed = s => JournalDigest.Append(digest, Key, new DigestEntry(s.JournalId, s.Number, s.Sha256, DateTimeOffset.UtcNow)),
        }))
        {
            long sequence = 0;
            while (folder.Segments.Count < segments)
            {
                writer.Append(RecordType.Tick, 1, sequence++, sequence * 1000, new byte[100]);
                writer.EndOfBatch();
            }
        }

        return digest;
    }

    // A forger's tool: load the segment's bytes, edit them, seal them again; returns the new content hash.
    private static byte[] Rewrite(SegmentFile file, Func<byte[], byte[]> edit)
    {
        Assert.True(file.Sealed);
        byte[] content = edit(SegmentContent.Load(file).Span.ToArray());
        File.WriteAllBytes(file.Path, Lz4Frame.Compress(content));
        return SHA256.HashData(content);
    }

    // Flips a payload byte of the first record and gives the record a valid CRC again.
    private static byte[] EditFirstRecord(byte[] content)
    {
        int start = (int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(12));
        int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(start));
        content[start + JournalFormat.RecordHeaderSize] ^= 0x5a;
        var record = content.AsSpan(start, size);
        BinaryPrimitives.WriteUInt32LittleEndian(record[(size - JournalFormat.RecordTrailerSize)..], Crc32C.Compute(record[..(size - JournalFormat.RecordTrailerSize)]));
        return content;
    }

    // Points the header at a new previous-segment hash and gives the header a valid CRC again.
    private static byte[] Relink(byte[] content, byte[] previous)
    {
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(12));
        previous.CopyTo(content.AsSpan(64, 32));
        BinaryPrimitives.WriteUInt32LittleEndian(content.AsSpan(length - 4), Crc32C.Compute(content.AsSpan(0, length - 4)));
        return content;
    }
}
