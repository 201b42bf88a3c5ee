using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Kite.Ticks;
using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

/// <summary>
/// Reading the next segment in the reader's own gaps: whatever pieces the gaps allow, and wherever
/// the reader stops reading on, the records are those a plain read gives; and a paced replay
/// reads each next segment in its waits instead of stopping for it when it is reached.
/// </summary>
public sealed class IdleSegmentLoaderTests
{
    [Fact]
    public void ReadingInPiecesBetweenRecordsGivesTheRecordsOfAPlainRead()
    {
        var pieces = Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(1, 64)), (2, Gen.Choose(65, 5_000)), (1, Gen.Constant(0))));
        var shape = from records in TestRecord.Stream(400)
                    from seal in Gen.Elements(true, false)
                    from reuse in Gen.Elements(true, false)
                    from segmentKb in Gen.Choose(4, 12)
                    from piece in pieces
                    select (Records: records, Seal: seal, Reuse: reuse, SegmentBytes: segmentKb * 1024, Pieces: piece);
        Prop.ForAll(shape.ToArbitrary(), s =>
        {
            using var folder = new JournalFolder();
            using (var writer = folder.Open(s.SegmentBytes, s.Seal))
            {
                JournalFolder.Write(writer, s.Records);
            }

            var plain = folder.ReadAll();
            using var idle = new IdleSegmentLoader();
            var read = new List<JournalRecord>();
            int step = 0;
            foreach (var cursor in JournalReader.Open(folder.Path).ReadSegments(new JournalReadOptions { IdleLoader = idle, ReuseBuffers = s.Reuse, ReadAhead = false }))
            {
                while (cursor.TryNext(out JournalRecord record))
                {
                    // A copy: with reused buffers a record's bytes live only while its segment is read.
                    read.Add(record with { Payload = record.Payload.ToArray() });
                    for (int n = s.Pieces.Length == 0 ? 0 : s.Pieces[step++ % s.Pieces.Length]; n > 0; n--)
                    {
                        if (!idle.Advance(n))
                        {
                            break;
                        }
                    }
                }
            }

            Assert.Equal(plain.Count, read.Count);
            for (int i = 0; i < plain.Count; i++)
            {
                Assert.True(s.Records[i].Matches(read[i]), $"record {i} differs");
            }

            // Each segment after the first is begun when the one before is reached, but for a
            // still-growing last one.
            var files = folder.Segments;
            Assert.Equal(Math.Max(0, files.Count - 1 - (files.Count > 0 && !files[^1].Sealed ? 1 : 0)), idle.SegmentsBegun);
            Assert.InRange(idle.SegmentsReadInGaps, 0, idle.SegmentsBegun);
            Assert.False(idle.HasWork);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));   // each case reads its segments in up to 12,000 small pieces: 100 cases took 2 minutes of CI's 10
    }

    [Fact]
    public void AdvanceWithNothingBegunReadsNothing()
    {
        using var idle = new IdleSegmentLoader();
        Assert.False(idle.HasWork);
        Assert.False(idle.Advance(4096));
        Assert.Equal(0, idle.SegmentsBegun);
    }

    [Fact]
    public void APacedReplayReadsEachNextSegmentInItsWaitsAndPublishesWhatAFullSpeedOneDoes()
    {
        using var folder = new JournalFolder();
        var packet = TestData.Base64("kite/ticker_quote.packet");
        // A segment's header carries the record schema (kilobytes): big records fill a few inputs into each.
        using (var writer = folder.Open(segmentBytes: 40 * 1024))
        {
            for (int i = 0; i < 24; i++)
            {
                var payload = new byte[InputRecordCodec.PrefixSize + packet.Length];
                packet.CopyTo(payload, InputRecordCodec.PrefixSize);
                writer.Append(RecordType.Tick, 1, i, 25_000_000L * i, payload);   // 25 ms apart
                writer.Append(RecordType.SignalIntent, 1, i, 25_000_000L * i, new byte[4_000]);
            }
        }

        int segments = folder.Segments.Count;
        Assert.InRange(segments, 3, 12);
        var full = Replay(folder.Path, speed: 0);
        var paced = Replay(folder.Path, speed: 1);

        Assert.Equal(full.Slots, paced.Slots);
        Assert.Equal(24, paced.Result.InputsPublished);
        Assert.Equal(24, paced.Result.OutputsRead);

        // Every segment after the first was begun in the waits and, with 25 ms between inputs,
        // read whole before the replay reached it; at full speed the loading thread reads them.
        Assert.Equal(segments - 1, paced.Result.SegmentsBegunInGaps);
        Assert.Equal(segments - 1, paced.Result.SegmentsReadInGaps);
        Assert.Equal(0, full.Result.SegmentsBegunInGaps);
    }

    private static (ReplayResult Result, List<(EventKind, long, long, Tick)> Slots) Replay(string folder, double speed)
    {
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy());
        var seen = new Slots();
        using var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(seen);
        pipeline.Start();
        var result = new JournalReplaySource(JournalReader.Open(folder), new InputPublisher(ring), TickDecoder.TryDecode)
            .Run(new ReplayOptions { Speed = speed, OnOutput = (_, _) => { } });
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
        return (result, seen.Seen);
    }

    private sealed class Slots : IEventHandler<RingEvent>
    {
        public List<(EventKind, long, long, Tick)> Seen { get; } = [];

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch) => Seen.Add((data.Kind, data.InputSequence, data.ReceiveTimestampNs, data.Tick));
    }
}
