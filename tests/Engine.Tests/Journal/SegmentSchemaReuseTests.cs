using Engine.Journal.Format;
using Engine.Journal.Reading;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>
/// Every segment of a journal carries the same record schema (about 16 KB). A reader that reuses
/// its buffers from segment to segment keeps the schema it read last and lets the next header
/// share it, so opening a segment does not copy the schema again: that copy was nearly all of
/// what a replay allocated once its pipeline was warm.
/// </summary>
public sealed class SegmentSchemaReuseTests
{
    [Fact]
    public void AHeaderSharesAKnownSchemaExactlyWhenItsBytesAreTheSame()
    {
        var shape = from length in Gen.Choose(0, 600)
                    from seed in Gen.Choose(0, int.MaxValue)
                    from known in Gen.Elements("none", "same", "one byte differs", "longer", "shorter")
                    from flip in Gen.Choose(0, int.MaxValue)
                    select (Length: length, Seed: seed, Known: known, Flip: flip);
        Prop.ForAll(shape.ToArbitrary(), s =>
        {
            var schema = new byte[s.Length];
            new Random(s.Seed).NextBytes(schema);
            var written = new SegmentHeader(Guid.NewGuid(), 3, 70, 69, 1_700_000_000_000_000_000, new byte[32], schema);
            byte[]? known = s.Known switch
            {
                "same" => (byte[])schema.Clone(),
                "one byte differs" when schema.Length > 0 => Flipped(schema, s.Flip % schema.Length),
                "longer" => [.. schema, 0x7B],
                "shorter" when schema.Length > 0 => schema[..^1],
                "none" => null,
                _ => [0x7B],
            };

            Assert.True(SegmentHeader.TryRead(written.ToBytes(), known, out var read, out string? error), error);
            Assert.Equal(schema, read!.SchemaJson);
            bool same = known is not null && known.AsSpan().SequenceEqual(schema);
            Assert.Equal(same, ReferenceEquals(known, read.SchemaJson));
            Assert.Equal((written.JournalId, written.SegmentNumber, written.FirstRecordNumber, written.FirstSequence, written.CreatedNs), (read.JournalId, read.SegmentNumber, read.FirstRecordNumber, read.FirstSequence, read.CreatedNs));
            Assert.Equal(written.PreviousSha256, read.PreviousSha256);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AReaderReusingItsBuffersReadsTheSchemaOncePerBuffer()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(segmentBytes: 32 * 1024, seal: false))
        {
            JournalFolder.Write(writer, Ticks(4_000));
        }

        var reader = JournalReader.Open(folder.Path);
        Assert.True(reader.Segments.Count >= 8, $"{reader.Segments.Count} segments");

        // Read ahead on a loading thread, as a replay does: two buffers take turns.
        var schemas = new List<byte[]>();
        var options = new JournalReadOptions { ReuseBuffers = true, OnSegment = content => schemas.Add(content.Header!.SchemaJson) };
        foreach (var cursor in reader.ReadSegments(options))
        {
            while (cursor.TryNext(out RecordHeader _, out _))
            {
            }
        }

        Assert.Equal(reader.Segments.Count, schemas.Count);
        Assert.All(schemas, schema => Assert.Equal(schemas[0], schema));
        Assert.Equal(2, schemas.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    private static TestRecord[] Ticks(int count) => TestRecord.Build(Enumerable.Repeat(RecordType.Tick, count).ToArray(), new int[count], 7);

    private static byte[] Flipped(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
