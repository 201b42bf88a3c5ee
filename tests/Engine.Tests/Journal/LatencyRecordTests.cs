using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Routing;
using Engine.Journal;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.JournalTool.Latency;
using Engine.Tests.Running;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

public sealed class LatencyRecordTests
{
    [Fact]
    public void ALatencyRecordReadsBackAsWrittenAndAShortOneIsRefusedAtEveryLength()
    {
        var gen =
            from stamps in Gen.ArrayOf(Gen.Choose(0, int.MaxValue).Select(v => (long)v * 1000), 8)
            from cause in Gen.Choose(-1, int.MaxValue)
            from reply in Gen.Elements(true, false)
            select (Stamps: stamps, Cause: (long)cause, Reply: reply);

        Prop.ForAll(Arb.From(gen), c =>
        {
            var slot = Slot(c.Stamps[0], c.Stamps[1], c.Stamps[2], c.Stamps[3], c.Stamps[4]);
            if (c.Reply)
            {
                slot.Kind = EventKind.OrderReply;
                slot.Reply.HandedTicks = c.Stamps[5] | 1;
                slot.Reply.SentTicks = c.Stamps[6];
                slot.Reply.AnsweredTicks = c.Stamps[7];
                slot.Reply.CauseSequence = c.Cause;
            }

            var payload = new byte[LatencyRecordCodec.Size];
            LatencyRecordCodec.Write(payload, slot);
            var read = LatencyRecordCodec.Read(payload);

            Assert.Equal(Ns(c.Stamps[0]), read.Received);
            Assert.Equal(Ns(c.Stamps[1]), read.Published);
            Assert.Equal(Ns(c.Stamps[2]), read.Decided);
            Assert.Equal(Ns(c.Stamps[3]), read.Judged);
            Assert.Equal(Ns(c.Stamps[4]), read.Journaled);
            Assert.Equal(c.Reply ? Ns(c.Stamps[5] | 1) : 0, read.Handed);
            Assert.Equal(c.Reply ? Ns(c.Stamps[6]) : 0, read.Sent);
            Assert.Equal(c.Reply ? Ns(c.Stamps[7]) : 0, read.Answered);
            Assert.Equal(c.Reply ? c.Cause : -1, read.CauseSequence);
            for (int length = 0; length < payload.Length; length++)
            {
                Assert.Throws<JournalException>(() => LatencyRecordCodec.Read(payload.AsSpan(0, length)));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheBreakdownJoinsAnAnswerToTheInputThatCausedItsOrder()
    {
        using var folder = new JournalFolder();
        using (var writer = folder.Open())
        {
            // Input 5 placed an order; input 9 is the broker's answer to it.
            writer.Append(RecordType.Tick, 1, 5, 1, new byte[64]);
            writer.Append(RecordType.OrderRequest, 2, 5, 1, new byte[64]);
            var cause = Slot(1_000, 1_100, 1_300, 1_350, 1_500);
            Append(writer, 5, cause);
            var answer = Slot(9_000, 9_100, 9_150, 9_160, 9_300);
            answer.Kind = EventKind.OrderReply;
            answer.Reply.HandedTicks = 2_000;
            answer.Reply.SentTicks = 2_500;
            answer.Reply.AnsweredTicks = 8_000;
            answer.Reply.CauseSequence = 5;
            Append(writer, 9, answer);
            writer.EndOfBatch();
        }

        var breakdown = new LatencyBreakdown();
        foreach (var record in JournalReader.Open(folder.Path).Read(new JournalReadOptions()))
        {
            breakdown.Add(record);
        }

        Assert.Equal(2, breakdown.Records);
        Assert.Equal(0, breakdown.AnswersWithoutCause);
        AssertOne(breakdown.Decode, 2, Ns(1_100) - Ns(1_000));
        AssertOne(breakdown.InputToDecision, 2, Ns(1_350) - Ns(1_000));
        AssertOne(breakdown.ToGateway, 1, Ns(2_000) - Ns(1_500));
        AssertOne(breakdown.GatewayQueue, 1, Ns(2_500) - Ns(2_000));
        AssertOne(breakdown.Broker, 1, Ns(8_000) - Ns(2_500));
        AssertOne(breakdown.AnswerToRing, 1, Ns(9_000) - Ns(8_000));
        AssertOne(breakdown.TickToWire, 1, Ns(2_500) - Ns(1_000));
        AssertOne(breakdown.TickToAnswer, 1, Ns(8_000) - Ns(1_000));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithStampingEveryInputIsFollowedByItsLatencyRecordInStageOrderAndWithoutItNone(bool stamp)
    {
        using var harness = new EngineHarness(new NullOrderGateway(), stampStages: stamp);
        harness.Publish(200);
        harness.Drain();
        harness.Writer.Flush(toDisk: false);
        string journal = harness.JournalFolder;

        long inputs = 0, latencies = 0;
        long? pendingInput = null;
        foreach (var record in JournalReader.Open(journal).Read(new JournalReadOptions()))
        {
            var info = RecordSchema.Types[record.Type];
            if (info.Direction == RecordDirection.Input)
            {
                Assert.True(pendingInput is null || !stamp, $"input {pendingInput} has no latency record before the next input");
                inputs++;
                pendingInput = record.Sequence;
            }
            else if (record.Type == RecordType.Latency)
            {
                Assert.Equal(pendingInput, record.Sequence);
                var s = LatencyRecordCodec.Read(record.Payload.Span);
                Assert.True(s.Received > 0 && s.Received <= s.Published && s.Published <= s.Decided && s.Decided <= s.Judged && s.Judged <= s.Journaled, $"stamps out of stage order at {record.Sequence}: {s}");
                latencies++;
                pendingInput = null;
            }
        }

        Assert.True(inputs > 200, $"{inputs} inputs");
        Assert.Equal(stamp ? inputs : 0, latencies);
    }

    private static void AssertOne(LatencyHop hop, long count, long expected)
    {
        Assert.Equal(count, hop.Count);
        if (count == 1)
        {
            // Three significant digits: the histogram's value is within 0.1% of what went in.
            Assert.InRange(hop.Max, expected - (expected / 1000) - 1, expected + (expected / 1000) + 1);
        }
    }

    private static void Append(Engine.Journal.Writing.JournalWriter writer, long sequence, in RingEvent slot)
    {
        var payload = new byte[LatencyRecordCodec.Size];
        LatencyRecordCodec.Write(payload, slot);
        writer.Append(RecordType.Latency, 1, sequence, 1, payload);
    }

    private static RingEvent Slot(long received, long published, long decided, long judged, long journaled) => new()
    {
        Kind = EventKind.Tick,
        Stamps = new StageStamps { Received = received, Published = published, Decided = decided, Judged = judged, Journaled = journaled },
    };

    private static long Ns(long ticks) => ticks == 0 ? 0 : StageStamps.ToNanoseconds(ticks);
}
