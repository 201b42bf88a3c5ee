using System.Diagnostics;
using Engine.Journal;
using Engine.Journal.Compression;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Verification;
using Engine.Journal.Writing;

namespace Engine.Tests.Journal;

public sealed class JournalCrashSafetyTests
{
    private static TestRecord[] Records(int count, int seed = 1) =>
        TestRecord.Build(Enumerable.Range(0, count).Select(i => i % 5 == 4 ? RecordType.SignalIntent : RecordType.Tick).ToArray(),
            Enumerable.Range(0, count).Select(i => (i * 37) % 90).ToArray(), seed);

    /// <summary>Where each record ends in the active segment file.</summary>
    private static List<int> RecordEnds(byte[] segment)
    {
        SegmentHeader.TryRead(segment, out var header, out _);
        var ends = new List<int>();
        int offset = header!.Length;
        while (RecordLayout.TryRead(segment.AsSpan(offset), out var r) == RecordCheck.Valid)
        {
            offset += r.Length;
            ends.Add(offset);
        }

        return ends;
    }

    [Fact]
    public void CuttingTheActiveSegmentAtEveryByteOfItsLastRecordsRecoversExactlyTheCompleteOnes()
    {
        var records = Records(40);
        using var original = new JournalFolder();
        using (var writer = original.Open(seal: false))
        {
            JournalFolder.Write(writer, records);
        }

        byte[] segment = File.ReadAllBytes(original.ActiveSegmentPath);
        var ends = RecordEnds(segment);
        Assert.Equal(records.Length, ends.Count);
        int from = ends[^5];   // every byte offset inside the last four records

        for (int cut = from; cut <= segment.Length; cut++)
        {
            using var crashed = new JournalFolder();
            string path = Path.Combine(crashed.Path, SegmentFile.NameOf(0, false));
            File.WriteAllBytes(path, segment[..cut]);
            int complete = ends.Count(e => e <= cut);

            // What an auditor sees before any restart: the torn tail as a warning, and success.
            var verify = JournalVerifier.Verify(crashed.Path);
            Assert.True(verify.Ok, $"cut {cut}: {string.Join("; ", verify.Errors)}");
            Assert.Equal(complete, verify.Records);
            Assert.Equal(cut == ends[complete - 1] ? 0 : 1, verify.Warnings.Count(w => w.Message.StartsWith("torn tail", StringComparison.Ordinal)));

            using (var writer = crashed.Open(seal: false))
            {
                var report = writer.Recovery;
                Assert.Equal((ulong)complete, report.NextRecordNumber);
                Assert.Equal(records[complete - 1].Sequence, report.LastSequence);
                if (cut == ends[complete - 1])
                {
                    Assert.Null(report.TornTail);
                }
                else
                {
                    Assert.Equal(new TornTail(0, ends[complete - 1], cut - ends[complete - 1]), report.TornTail);
                }

                // The run continues where the journal really ends.
                writer.Append(RecordType.Tick, 1, report.LastSequence + 1, 42, new byte[20]);
            }

            var read = crashed.ReadAll();
            Assert.Equal(complete + 1, read.Count);
            for (int i = 0; i < complete; i++)
            {
                Assert.True(records[i].Matches(read[i]), $"cut {cut}: record {i} differs");
            }

            Assert.Equal((ulong)complete, read[^1].RecordNumber);
            Assert.True(JournalVerifier.Verify(crashed.Path).Ok);
        }
    }

    [Fact]
    public void AFlippedBitAnywhereIsFoundAtItsSegmentAndOffset()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(seal: false))
        {
            JournalFolder.Write(writer, Records(12));
        }

        byte[] segment = File.ReadAllBytes(folder.ActiveSegmentPath);
        SegmentHeader.TryRead(segment, out var header, out _);
        var ends = RecordEnds(segment);
        var starts = new[] { header!.Length }.Concat(ends.SkipLast(1)).ToArray();
        var random = new Random(3);
        for (int position = 0; position < segment.Length; position++)
        {
            var damaged = (byte[])segment.Clone();
            damaged[position] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(folder.ActiveSegmentPath, damaged);
            var report = JournalVerifier.Verify(folder.Path);
            var issues = report.Errors.Concat(report.Warnings).Where(i => i.Segment == 0).ToList();

            if (position < header.Length)
            {
                Assert.Contains(report.Errors, e => e.Offset == 0 && e.Message.StartsWith("header", StringComparison.Ordinal));
                continue;
            }

            int record = Array.FindLastIndex(starts, s => s <= position);
            Assert.True(issues.Any(i => i.Offset == starts[record]), $"flip at {position} (record {record} at {starts[record]}): {string.Join("; ", issues)}");
            if (record < starts.Length - 1)
            {
                // Only the last record's damage could be a torn write; anything earlier fails verify.
                Assert.False(report.Ok, $"flip at {position} passed verify");
                Assert.Equal(11, report.Records);   // every other record is still checked
            }
        }
    }

    [Fact]
    public void EditingOrDeletingASealedSegmentBreaksTheHashChainAndVerifySaysWhere()
    {
        // Segments a little larger than their header (the schema), so each holds several records.
        using var folder = new JournalFolder();
        using (var writer = folder.Open(RecordSchema.ToJson().Length + 4_000))
        {
            JournalFolder.Write(writer, Records(200));
        }

        var segments = folder.Segments;
        Assert.True(segments.Count >= 4 && segments.All(s => s.Sealed));
        Assert.True(JournalVerifier.Verify(folder.Path).Ok);

        // Edit a record in segment 1 and re-seal it with valid CRCs: only the chain can tell.
        var target = segments[1];
        byte[] original = File.ReadAllBytes(target.Path);
        var content = SegmentContent.Load(target).Memory.ToArray();
        int recordStart = content.Length - 60;
        recordStart = RecordEnds(content).Last(e => e < recordStart);
        RecordLayout.TryRead(content.AsSpan(recordStart), out var h);
        content[recordStart + JournalFormat.RecordHeaderSize] ^= 0xFF;
        RecordLayout.Seal(content.AsSpan(recordStart), h.Type, h.Version, h.RecordNumber, h.Sequence, h.TimestampNs, h.PayloadLength);
        File.WriteAllBytes(target.Path, Lz4Frame.Compress(content));

        var edited = JournalVerifier.Verify(folder.Path);
        var broken = Assert.Single(edited.Errors);
        Assert.Equal(2UL, broken.Segment);
        Assert.Contains("hash chain broken", broken.Message);
        Assert.Contains("segment 1 was altered or replaced", broken.Message);

        File.WriteAllBytes(target.Path, original);
        Assert.True(JournalVerifier.Verify(folder.Path).Ok);

        File.Delete(segments[2].Path);
        var deleted = JournalVerifier.Verify(folder.Path);
        Assert.Contains(deleted.Errors, e => e.Segment == 3 && e.Message.Contains("segments 2-2 are missing", StringComparison.Ordinal));
        Assert.Contains(deleted.Errors, e => e.Segment == 3 && e.Message.Contains("records are missing", StringComparison.Ordinal));
    }

    [Fact]
    public void AByteFlippedInTheMiddleOfASealedSegmentCostsAtMostOneBlockAndVerifySaysWhich()
    {
        using var folder = new JournalFolder();
        var records = Records(20_000);
        using (var writer = folder.Open())
        {
            JournalFolder.Write(writer, records);
        }

        var target = Assert.Single(folder.Segments);
        Assert.True(target.Sealed);
        byte[] bytes = File.ReadAllBytes(target.Path);
        int flipped = bytes.Length / 2;
        bytes[flipped] ^= 0x08;
        File.WriteAllBytes(target.Path, bytes);

        var report = JournalVerifier.Verify(folder.Path);
        var lost = Assert.Single(report.Errors, e => e.Message.Contains("damaged LZ4 block", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(lost.Message, @"block (\d+) \(stored bytes ([\d,]+)-([\d,]+)\)");
        Assert.True(match.Success, lost.Message);
        long from = long.Parse(match.Groups[2].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        long to = long.Parse(match.Groups[3].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(flipped, from, to);
        Assert.Contains("content bytes", lost.Message, StringComparison.Ordinal);

        // Every record outside the block is read; a block holds 256 KiB, so at most that many bytes of records are lost.
        int maxLost = (Lz4Frame.BlockSize / records.Min(r => r.Payload.Length + JournalFormat.RecordOverhead)) + 2;
        Assert.InRange(report.Records, records.Length - maxLost, records.Length - 1);
        var read = JournalReader.Open(folder.Path).Read(new JournalReadOptions { SkipDamaged = true }).ToList();
        Assert.Equal(report.Records, read.Count);
        Assert.All(read, r => Assert.True(records[(int)r.RecordNumber].Matches(r)));
        Assert.Contains(report.Errors, e => e.Message.Contains("are missing", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLz4ToolRestoresASealedSegmentToTheBytesTheReaderReads()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(30_000))
        {
            JournalFolder.Write(writer, Records(300));
        }

        var sealedSegment = folder.Segments.First(s => s.Sealed);
        string output = Path.Combine(folder.Path, "restored.bin");
        var info = new ProcessStartInfo("lz4", ["-d", "-f", sealedSegment.Path, output]) { RedirectStandardError = true };
        using (var lz4 = Process.Start(info)!)
        {
            lz4.WaitForExit();
            Assert.Equal(0, lz4.ExitCode);
        }

        Assert.Equal(SegmentContent.Load(sealedSegment).Memory.ToArray(), File.ReadAllBytes(output));
        Assert.StartsWith("ENGJRNL\n", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(output), 0, 8));
    }

    [Fact]
    public void RecoveryFinishesInterruptedSealingAndSealsRolledSegments()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(10_000, seal: false))
        {
            JournalFolder.Write(writer, Records(100));
        }

        var segments = folder.Segments;
        Assert.All(segments, s => Assert.False(s.Sealed));

        // Segment 0: a crash after the sealed copy was renamed into place, before the original was removed.
        File.WriteAllBytes(Path.ChangeExtension(segments[0].Path, null) + JournalFormat.SealedExtension, Lz4Frame.Compress(File.ReadAllBytes(segments[0].Path)));

        // Segment 1: a crash while the sealed copy was being written.
        File.WriteAllBytes(Path.ChangeExtension(segments[1].Path, null) + JournalFormat.SealedExtension + ".tmp", [1, 2, 3]);

        using (var writer = folder.Open(10_000))
        {
            Assert.Contains(writer.Recovery.Actions, a => a.Contains("finished the interrupted sealing of segment 0", StringComparison.Ordinal));
            Assert.Contains(writer.Recovery.Actions, a => a.Contains("sealing that a crash interrupted", StringComparison.Ordinal));
            Assert.Contains(writer.Recovery.Actions, a => a.Contains("segment 1 was rolled but not sealed", StringComparison.Ordinal));
            writer.WaitForSealing();
        }

        Assert.All(folder.Segments, s => Assert.True(s.Sealed));
        Assert.DoesNotContain(Directory.EnumerateFiles(folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(100, folder.ReadAll().Count);
        Assert.True(JournalVerifier.Verify(folder.Path).Ok);
    }

    [Fact]
    public void AHashLinkLeftPendingByACrashIsReportedAndCompletedOnOpen()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(8_500, seal: false))
        {
            JournalFolder.Write(writer, Records(60));
        }

        var segments = folder.Segments;
        Assert.True(segments.Count >= 3);

        // The finisher had not yet written the links of the last two segments when the process died.
        foreach (var segment in segments.TakeLast(2))
        {
            SegmentFinisher.LinkPrevious(segment.Path, new byte[32]);
        }

        var before = JournalVerifier.Verify(folder.Path);
        Assert.Contains(before.Errors, e => e.Segment == segments[^2].Number && e.Message.Contains("chain link was never written", StringComparison.Ordinal));
        Assert.Contains(before.Warnings, w => w.Segment == segments[^1].Number && w.Message.Contains("still pending", StringComparison.Ordinal));

        using (var writer = folder.Open(8_500, seal: false))
        {
            Assert.Equal(2, writer.Recovery.Actions.Count(a => a.Contains("hash link was pending", StringComparison.Ordinal)));
        }

        var after = JournalVerifier.Verify(folder.Path);
        Assert.True(after.Ok, string.Join("; ", after.Errors));
        Assert.Empty(after.Warnings);
    }

    [Fact]
    public void ACrashWhileCreatingASegmentLeavesNothingToLose()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(seal: false))
        {
            JournalFolder.Write(writer, Records(10));
            writer.Roll();
        }

        // The new segment's header was cut short by the crash.
        string torn = folder.Segments[^1].Path;
        File.WriteAllBytes(torn, File.ReadAllBytes(torn)[..50]);
        using (var writer = folder.Open())
        {
            Assert.Contains(writer.Recovery.Actions, a => a.Contains("a crash interrupted its creation", StringComparison.Ordinal));
            Assert.Equal(10UL, writer.NextRecordNumber);
            writer.Append(RecordType.Tick, 1, 8, 1, new byte[12]);
        }

        Assert.Equal(11, folder.ReadAll().Count);
        Assert.True(JournalVerifier.Verify(folder.Path).Ok);
    }

    [Fact]
    public void DamageInTheMiddleOfTheActiveSegmentIsNeverCutAway()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(seal: false))
        {
            JournalFolder.Write(writer, Records(30));
        }

        byte[] segment = File.ReadAllBytes(folder.ActiveSegmentPath);
        int middle = RecordEnds(segment)[10] + 40;
        segment[middle] ^= 0x01;
        File.WriteAllBytes(folder.ActiveSegmentPath, segment);

        using (var writer = folder.Open())
        {
            Assert.Contains(writer.Recovery.Actions, a => a.Contains("damaged at offset", StringComparison.Ordinal) && a.Contains("sealed as it is", StringComparison.Ordinal));
            Assert.Null(writer.Recovery.TornTail);
            Assert.Equal(1UL, writer.ActiveSegment);
            Assert.Equal(30UL, writer.NextRecordNumber);
        }

        var damage = new List<RecordDamage>();
        var read = JournalReader.Open(folder.Path).Read(new JournalReadOptions { SkipDamaged = true, OnDamage = damage.Add }).ToList();
        Assert.Equal(29, read.Count);   // every record but the damaged one
        Assert.Single(damage);
        var report = JournalVerifier.Verify(folder.Path);
        Assert.Contains(report.Errors, e => e.Segment == 0 && e.Message.Contains("CRC mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void ASecondWriterAndAnUnusableFolderAreClearErrors()
    {
        using var folder = new JournalFolder();
        using var first = folder.Open();
        var busy = Assert.Throws<JournalException>(() => folder.Open());
        Assert.Contains("already open by another writer", busy.Message);

        var bad = Assert.Throws<JournalException>(() => JournalWriter.Open(JournalFolder.Options("/dev/null/journal")));
        Assert.Contains("'/dev/null/journal' cannot be created", bad.Message);
    }

    [Fact]
    public void AppendingRecordsAllocatesNothingPerRecord()
    {
        using var folder = new JournalFolder();
        using var writer = folder.Open(1L << 40);
        var payload = new byte[200 - JournalFormat.RecordOverhead];
        for (int i = 0; i < 20_000; i++)
        {
            writer.Append(RecordType.Tick, 1, i, i, payload);
            if (i % 50 == 0)
            {
                writer.EndOfBatch();
            }
        }

        int next = 20_000;
        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            for (int n = 0; n < 50_000; n++, next++)
            {
                writer.Append(RecordType.Tick, 1, next, next, payload);
                if (next % 50 == 0)
                {
                    writer.EndOfBatch();
                }
            }
        });

        Assert.True(fewest == 0, rounds);
    }
}
