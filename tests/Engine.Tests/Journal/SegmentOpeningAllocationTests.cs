using Engine.Journal.Format;
using Engine.Journal.Reading;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>
/// A reader that reuses its buffers opens segment after segment without allocating: a rolled
/// segment is mapped, a sealed one read and decompressed, through the buffers' own map, content
/// and cursor, and the header is only checked, not built, unless someone asks for it. So a
/// replay over a day of segments allocates nothing once it is running.
/// </summary>
public sealed class SegmentOpeningAllocationTests
{
    [Fact]
    public void CheckingAHeaderAgreesWithReadingItAtEveryLengthAndAfterAnyFlip()
    {
        var shape = from schemaLength in Gen.Choose(0, 300)
                    from seed in Gen.Choose(0, int.MaxValue)
                    from cut in Gen.Choose(0, 1_000_000)
                    from flip in Gen.Choose(-1, 1_000_000)
                    select (SchemaLength: schemaLength, Seed: seed, Cut: cut / 1_000_000.0, Flip: flip);
        Prop.ForAll(shape.ToArbitrary(), s =>
        {
            var schema = new byte[s.SchemaLength];
            new Random(s.Seed).NextBytes(schema);
            byte[] whole = [.. new SegmentHeader(Guid.NewGuid(), 4, 90, 89, 1_700_000_000_000_000_000, new byte[32], schema).ToBytes(), 1, 2, 3];
            var bytes = whole.AsSpan(0, (int)(s.Cut * whole.Length)).ToArray();
            if (s.Flip >= 0 && bytes.Length > 0)
            {
                bytes[s.Flip % bytes.Length] ^= 0x20;
            }

            bool read = SegmentHeader.TryRead(bytes, out var header, out string? readError);
            bool check = SegmentHeader.TryCheck(bytes, out int length, out string? checkError);
            Assert.Equal(read, check);
            Assert.Equal(readError, checkError);
            Assert.Equal(read ? header!.Length : 0, length);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OpeningSegmentsThroughReusedBuffersAllocatesNothing(bool seal)
    {
        using var folder = new JournalFolder();
        var files = FinishedSegments(folder, seal);
        var reader = JournalReader.Open(folder.Path);
        var buffers = new SegmentBuffers();
        var options = new JournalReadOptions();
        long records = 0;
        int mapped = 0;

        // Each round opens every segment through the same buffers and walks its records, as the
        // loading thread and the reader of a full-speed replay do between them.
        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            foreach (var file in files)
            {
                var content = reader.LoadFresh(file, buffers, verifyFrameChecksum: false, mapRolled: true);
                mapped += content.IsMapped ? 1 : 0;
                var cursor = SegmentRecordCursor.For(content, buffers, options, isActive: false);
                while (cursor.TryNext(out RecordHeader _, out _))
                {
                    records++;
                }
            }
        });
        buffers.ReleaseMap();

        Assert.True(records > 4 * 4_000 / 2, $"{records} records walked");
        Assert.Equal(seal ? 0 : 4 * files.Count, mapped);
        Assert.True(fewest == 0, $"{fewest:N0} bytes for {files.Count} segments opened ({rounds})");
    }

    [Fact]
    public void AReadAheadHandsOverSegmentAfterSegmentWithoutAllocatingOnTheReadingThread()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(segmentBytes: 32 * 1024, seal: false))
        {
            JournalFolder.Write(writer, Ticks(6_000));
        }

        var reader = JournalReader.Open(folder.Path);
        Assert.True(reader.Segments.Count >= 8, $"{reader.Segments.Count} segments");
        var options = new JournalReadOptions { ReuseBuffers = true, VerifyFrameChecksum = false };
        var bytes = new List<long>();
        for (int round = 0; round < 4; round++)
        {
            // From the third segment (both buffers and the cursors made) to the last one's end.
            long before = -1;
            long after = 0;
            int segment = 0;
            foreach (var cursor in reader.ReadSegments(options))
            {
                if (++segment == 3)
                {
                    before = GC.GetAllocatedBytesForCurrentThread();
                }

                while (cursor.TryNext(out RecordHeader _, out _))
                {
                }

                after = GC.GetAllocatedBytesForCurrentThread();
            }

            Assert.Equal(reader.Segments.Count, segment);
            bytes.Add(after - before);
        }

        // The first round warms the code up; a runtime allocation can land in any one round.
        Assert.True(bytes.Skip(1).Min() == 0, $"bytes per read from the third segment on: {string.Join(", ", bytes)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APacedReplaysLoaderReadsSegmentAfterSegmentInPiecesWithoutAllocating(bool seal)
    {
        using var folder = new JournalFolder();
        var files = FinishedSegments(folder, seal);
        using var idle = new IdleSegmentLoader();
        var buffers = new SegmentBuffers();
        int complete = 0;

        // As a paced replay's producer does: begin the next segment, read it in pieces in the
        // waits, take it when it is reached.
        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            foreach (var file in files)
            {
                idle.Begin(file, buffers, verifyFrameChecksum: false);
                while (idle.Advance(4096))
                {
                }

                if (idle.TryComplete(file) is { HeaderLength: > 0 })
                {
                    complete++;
                }
            }
        });

        Assert.Equal(4 * files.Count, complete);
        Assert.True(fewest == 0, $"{fewest:N0} bytes for {files.Count} segments read in pieces ({rounds})");
    }

    // A journal of 4,000 ticks in segments of 32 KB, rolled or sealed: the segments before the last.
    private static List<SegmentFile> FinishedSegments(JournalFolder folder, bool seal)
    {
        using (var writer = folder.Open(segmentBytes: 32 * 1024, seal))
        {
            JournalFolder.Write(writer, Ticks(4_000));
        }

        var files = folder.Segments.SkipLast(1).ToList();
        Assert.True(files.Count >= 6, $"{files.Count} segments");
        Assert.All(files, f => Assert.Equal(seal, f.Sealed));
        return files;
    }

    private static TestRecord[] Ticks(int count) => TestRecord.Build(Enumerable.Repeat(RecordType.Tick, count).ToArray(), Enumerable.Repeat(120, count).ToArray(), 7);
}
