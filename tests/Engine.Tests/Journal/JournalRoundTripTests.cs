using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Verification;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

public sealed class JournalRoundTripTests
{
    [Fact]
    public void AnyRecordsRoundTripAcrossSegmentRollsAndSealing()
    {
        var gen = from records in TestRecord.Stream()
                  from segmentBytes in Gen.Choose(4_500, 40_000)
                  from sessions in Gen.Choose(1, 3)
                  select (records, segmentBytes, sessions);
        Prop.ForAll(Arb.From(gen), c =>
        {
            using var folder = new JournalFolder();

            // Written over one or more sessions (open, write, close), as the engine does day by day.
            int per = (c.records.Length / c.sessions) + 1;
            for (int s = 0; s < c.sessions; s++)
            {
                using var writer = folder.Open(c.segmentBytes);
                JournalFolder.Write(writer, c.records.Skip(s * per).Take(per));
            }

            var read = folder.ReadAll();
            bool allSealed = folder.Segments.All(f => f.Sealed);
            bool same = read.Count == c.records.Length && read.Select((r, i) => c.records[i].Matches(r) && r.RecordNumber == (ulong)i).All(x => x);
            var report = JournalVerifier.Verify(folder.Path);
            return (same && allSealed && report.Ok).Label($"same={same} sealed={allSealed} errors={string.Join("; ", report.Errors)}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void ActiveSegmentsReadTheSameAsSealedOnes()
    {
        var records = TestRecord.Build(Enumerable.Repeat(RecordType.Tick, 500).ToArray(), Enumerable.Repeat(184 - 12, 500).Select((x, i) => i % 3 == 0 ? x : 0).ToArray(), 9);
        using var folder = new JournalFolder();
        using (var writer = folder.Open(20_000, seal: false))
        {
            JournalFolder.Write(writer, records);
        }

        Assert.All(folder.Segments, s => Assert.False(s.Sealed));
        Assert.True(folder.Segments.Count > 3);
        var read = folder.ReadAll();
        Assert.Equal(records.Length, read.Count);
        Assert.All(read.Select((r, i) => (r, i)), p => Assert.True(records[p.i].Matches(p.r)));
    }

    [Fact]
    public void SegmentHeadersDescribeThemselvesAndChainByHash()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open(8_000))
        {
            JournalFolder.Write(writer, TestRecord.Build(Enumerable.Repeat(RecordType.Tick, 200).ToArray(), new int[200], 3));
        }

        var segments = folder.Segments.Select(SegmentContent.Load).ToArray();
        Assert.True(segments.Length > 2);
        Assert.All(segments, s => Assert.Contains("\"name\":\"tick\"", System.Text.Encoding.UTF8.GetString(s.Header!.SchemaJson)));
        Assert.Equal(new byte[32], segments[0].Header!.PreviousSha256);
        for (int i = 1; i < segments.Length; i++)
        {
            Assert.Equal(segments[i - 1].ContentSha256(), segments[i].Header!.PreviousSha256);
            Assert.Equal(segments[0].Header!.JournalId, segments[i].Header!.JournalId);
            Assert.Equal((ulong)i, segments[i].Header!.SegmentNumber);
        }
    }
}
