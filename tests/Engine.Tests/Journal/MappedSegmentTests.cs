using Engine.Journal.Format;
using Engine.Journal.Reading;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>
/// A reader that reuses its buffers maps each rolled uncompressed segment instead of reading it:
/// the records and the damage it finds are those of a plain read, only rolled uncompressed
/// segments are mapped, and a map the reader has let go fails with an exception, not a fault.
/// </summary>
public sealed class MappedSegmentTests
{
    [Fact]
    public void AReadThroughMapsFindsTheRecordsAndDamageOfAPlainRead()
    {
        var shape = from records in TestRecord.Stream(400)
                    from seal in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                    from readAhead in Gen.Elements(true, false)
                    from skipDamaged in Gen.Elements(true, false)
                    from segmentKb in Gen.Choose(4, 48)
                    from damage in Gen.Frequency((1, Gen.Constant(-1.0)), (2, Gen.Choose(0, 1_000_000).Select(n => n / 1_000_000.0)))
                    from damagedSegment in Gen.Choose(0, 1_000)
                    select (Records: records, Seal: seal, ReadAhead: readAhead, SkipDamaged: skipDamaged, SegmentBytes: segmentKb * 1024, Damage: damage, DamagedSegment: damagedSegment);
        Prop.ForAll(shape.ToArbitrary(), s =>
        {
            using var folder = new JournalFolder();
            using (var writer = folder.Open(s.SegmentBytes, s.Seal))
            {
                JournalFolder.Write(writer, s.Records);
            }

            // A flipped byte in a rolled uncompressed segment, the kind that is mapped.
            var rolled = folder.Segments.Take(folder.Segments.Count - 1).Where(f => !f.Sealed).ToList();
            if (s.Damage >= 0 && rolled.Count > 0)
            {
                var victim = rolled[s.DamagedSegment % rolled.Count];
                byte[] bytes = File.ReadAllBytes(victim.Path);
                bytes[(int)(s.Damage * (bytes.Length - 1))] ^= 0x5A;
                File.WriteAllBytes(victim.Path, bytes);
            }

            var (plain, plainDamage, plainMapped) = Read(folder.Path, reuse: false, s.ReadAhead, s.SkipDamaged);
            var (mapped, mappedDamage, mappedSegments) = Read(folder.Path, reuse: true, s.ReadAhead, s.SkipDamaged);

            Assert.Equal(plain.Count, mapped.Count);
            for (int i = 0; i < plain.Count; i++)
            {
                Assert.Equal(plain[i].Header, mapped[i].Header);
                Assert.True(plain[i].Payload.Span.SequenceEqual(mapped[i].Payload.Span), $"record {i} differs");
            }

            Assert.Equal(plainDamage, mappedDamage);

            // Without reuse nothing is mapped; reading ahead with it, every rolled uncompressed
            // segment is, and reading without a loading thread, none.
            var files = JournalReader.Open(folder.Path).Segments;
            Assert.DoesNotContain(plainMapped, m => m.Mapped);
            foreach (var (number, isMapped) in mappedSegments)
            {
                var file = files.Single(f => f.Number == number);
                Assert.Equal(s.ReadAhead && !file.Sealed && file != files[^1], isMapped);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AMappedSegmentHoldsTheFileBytesUntilItsBuffersLetItGo()
    {
        using var folder = RolledJournal(out var rolled);
        var buffers = new SegmentBuffers();
        var content = SegmentContent.Load(rolled, buffers, verifyFrameChecksum: true, mapRolled: true);

        Assert.True(content.IsMapped);
        Assert.True(buffers.HoldsMap);
        Assert.True(content.Span.SequenceEqual(File.ReadAllBytes(rolled.Path)));
        Assert.NotNull(content.Header);

        buffers.ReleaseMap();
        Assert.False(buffers.HoldsMap);
        Assert.Throws<ObjectDisposedException>(() => content.Memory.Span.Length);
    }

    [Fact]
    public void LoadingTheNextSegmentIntoTheBuffersLetsTheMappedOneGo()
    {
        using var folder = RolledJournal(out var rolled);
        var buffers = new SegmentBuffers();
        var first = SegmentContent.Load(rolled, buffers, verifyFrameChecksum: true, mapRolled: true);
        var firstBytes = first.Memory;
        var next = SegmentContent.Load(folder.Segments[^1], buffers, verifyFrameChecksum: true, mapRolled: false);

        // The buffers' one content, reset for the next segment: what was taken from the map throws.
        Assert.Same(first, next);
        Assert.False(next.IsMapped);
        Assert.False(buffers.HoldsMap);
        Assert.Throws<ObjectDisposedException>(() => firstBytes.Span.Length);
    }

    [Fact]
    public void AMappedSegmentStillReadsAfterItsFileIsReplaced()
    {
        // Sealing writes the compressed file and deletes the uncompressed one under a reader.
        using var folder = RolledJournal(out var rolled);
        byte[] original = File.ReadAllBytes(rolled.Path);
        var buffers = new SegmentBuffers();
        var content = SegmentContent.Load(rolled, buffers, verifyFrameChecksum: true, mapRolled: true);
        File.Delete(rolled.Path);

        Assert.True(content.Span.SequenceEqual(original));
        buffers.ReleaseMap();
    }

    [Fact]
    public void SealedAndEmptySegmentsAreReadNotMapped()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(4096, seal: true))
        {
            JournalFolder.Write(writer, TestRecord.Build([.. Enumerable.Repeat(RecordType.Tick, 200)], [.. Enumerable.Repeat(100, 200)], 7));
        }

        var buffers = new SegmentBuffers();
        var sealedContent = SegmentContent.Load(folder.Segments[0], buffers, verifyFrameChecksum: true, mapRolled: true);
        Assert.True(folder.Segments[0].Sealed);
        Assert.False(sealedContent.IsMapped);
        Assert.NotNull(sealedContent.Header);

        string empty = System.IO.Path.Combine(folder.Path, "empty.seg");
        File.WriteAllBytes(empty, []);
        var emptyContent = SegmentContent.Load(new SegmentFile(99, false, empty), buffers, verifyFrameChecksum: true, mapRolled: true);
        Assert.False(emptyContent.IsMapped);
        Assert.Null(emptyContent.Header);
        Assert.False(buffers.HoldsMap);
    }

    [Fact]
    public void ARecordKeptPastItsSegmentNeverReadsUnmappedMemory()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(48 * 1024, seal: false))
        {
            JournalFolder.Write(writer, TestRecord.Build([.. Enumerable.Repeat(RecordType.Tick, 2000)], [.. Enumerable.Repeat(100, 2000)], 11));
        }

        // Segments of many records each (a segment's header alone is some 20 KB).
        Assert.True(folder.Segments.Count >= 4);
        JournalRecord kept = default;
        using (var segments = JournalReader.Open(folder.Path).ReadSegments(new JournalReadOptions { ReuseBuffers = true }).GetEnumerator())
        {
            Assert.True(segments.MoveNext());
            var first = segments.Current;
            Assert.True(first.TryNext(out kept));
            Assert.True(first.TryNext(out JournalRecord _));

            // Two segments on, the first one's buffers hold another segment, and their cursor is
            // the one over it: a record kept from before reads the bytes mapped there now, never
            // unmapped memory (copy what you keep).
            ulong firstSegment = first.Segment;
            Assert.True(segments.MoveNext());
            Assert.True(segments.MoveNext());
            Assert.Same(first, segments.Current);
            Assert.Equal(firstSegment + 2, segments.Current.Segment);
            Assert.Equal(kept.Payload.Length, kept.Payload.Span.Length);

            // The current segment reads from its first record.
            Assert.True(segments.Current.TryNext(out JournalRecord current));
            Assert.Equal(RecordType.Tick, current.Type);
            Assert.True(current.Sequence > kept.Sequence);
        }

        // Once the read is over, no map is held.
        Assert.Throws<ObjectDisposedException>(() => kept.Payload.Span.Length);
    }

    private static JournalFolder RolledJournal(out SegmentFile rolled)
    {
        var folder = new JournalFolder();
        using (var writer = folder.Open(8192, seal: false))
        {
            JournalFolder.Write(writer, TestRecord.Build([.. Enumerable.Repeat(RecordType.Tick, 300)], [.. Enumerable.Repeat(120, 300)], 3));
        }

        var segments = folder.Segments;
        Assert.True(segments.Count >= 2);
        rolled = segments[0];
        Assert.False(rolled.Sealed);
        return folder;
    }

    private static (List<JournalRecord> Records, List<RecordDamage> Damage, List<(ulong Segment, bool Mapped)> Segments) Read(string folder, bool reuse, bool readAhead, bool skipDamaged)
    {
        var records = new List<JournalRecord>();
        var damage = new List<RecordDamage>();
        var segments = new List<(ulong, bool)>();
        var options = new JournalReadOptions
        {
            ReuseBuffers = reuse,
            ReadAhead = readAhead,
            SkipDamaged = skipDamaged,
            OnDamage = damage.Add,
            OnSegment = content => segments.Add((content.File.Number, content.IsMapped)),
        };
        foreach (var record in JournalReader.Open(folder).Read(options))
        {
            // A copy: a reused buffer or a map lives only while its segment is read.
            records.Add(record with { Payload = record.Payload.ToArray() });
        }

        return (records, damage, segments);
    }
}
