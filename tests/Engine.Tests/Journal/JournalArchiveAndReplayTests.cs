using Engine.Core.Inputs;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Journal.Archiving;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Journal.Verification;
using Engine.Journal.Writing;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using Engine.Tests.Kite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Journal;

public sealed class JournalArchiveAndReplayTests
{
    private static TestRecord[] Records(int count) =>
        TestRecord.Build(Enumerable.Repeat(RecordType.Tick, count).ToArray(), Enumerable.Repeat(100, count).ToArray(), 4);

    private static void WriteQuotesTenMillisecondsApart(JournalFolder folder, int count, bool withIntents)
    {
        var packet = TestData.Base64("kite/ticker_quote.packet");
        using var writer = folder.Open();
        for (int i = 0; i < count; i++)
        {
            var payload = new byte[12 + packet.Length];
            packet.CopyTo(payload, 12);
            writer.Append(RecordType.Tick, 1, i, 10_000_000L * i, payload);
            if (withIntents)
            {
                writer.Append(RecordType.SignalIntent, 1, i, 10_000_000L * i, new byte[40]);
            }
        }
    }

    [Fact]
    public void ArchivingMovesOldSegmentsAndTheRestStaysVerifiable()
    {
        using var folder = new JournalFolder();
        using var archive = new JournalFolder();
        using (var writer = folder.Open(10_000))
        {
            JournalFolder.Write(writer, Records(200));
        }

        int before = folder.Segments.Count;
        var moved = JournalArchiver.Archive(folder.Path, archive.Path, keep: 2);
        Assert.Equal(before - 3, moved.Count);   // keeps the last two sealed segments and the newest
        Assert.Equal(moved.Select(m => m.Segment), Enumerable.Range(0, moved.Count).Select(i => (ulong)i));
        Assert.Equal(moved.Count, Directory.GetFiles(archive.Path, "*.seg.lz4").Length);

        var remaining = JournalVerifier.Verify(folder.Path);
        Assert.True(remaining.Ok, string.Join("; ", remaining.Errors));
        Assert.Contains(remaining.Warnings, w => w.Message.Contains("were archived", StringComparison.Ordinal));

        var whole = JournalVerifier.Verify(folder.Path, archive.Path);
        Assert.True(whole.Ok, string.Join("; ", whole.Errors));
        Assert.Equal(200, whole.Records);

        // The writer continues the numbering after archiving everything it can.
        JournalArchiver.Archive(folder.Path, archive.Path, keep: 0);
        using (var writer = folder.Open(10_000))
        {
            Assert.Equal(200UL, writer.NextRecordNumber);
            writer.Append(RecordType.Tick, 1, 200, 1, new byte[12]);
        }

        Assert.True(JournalVerifier.Verify(folder.Path, archive.Path).Ok);

        // Tampering with an archived segment shows when the archive is checked.
        string victim = Directory.GetFiles(archive.Path, "*.seg.lz4").OrderBy(f => f).First();
        var content = SegmentContent.Load(new SegmentFile(0, true, victim)).Memory.ToArray();
        content[^10] ^= 1;
        File.WriteAllBytes(victim, Engine.Journal.Compression.Lz4Frame.Compress(content));
        Assert.False(JournalVerifier.Verify(folder.Path, archive.Path).Ok);
    }

    [Fact]
    public void ReplayPublishesTheRecordedInputsIntoTheRingExactlyAsTheyWereReceived()
    {
        // Record real frames through the live path: sink -> ring -> journaller.
        using var folder = new JournalFolder();
        var live = new RingBuffer<RingEvent>(1024, new YieldingWaitStrategy());
        var received = new CollectingHandler();
        using (var writer = folder.Open(20_000))
        {
            using var pipeline = new RingPipeline<RingEvent>(live);
            pipeline.HandleEventsWith(new RingJournaller(writer), received);
            pipeline.Start();
            var sink = new RingTickerSink(new InputPublisher(live), new TickerCounters(), NullLogger.Instance);
            byte[] frame = TestData.Bytes("kite/websocket_ticks.bin");
            for (int i = 0; i < 300; i++)
            {
                sink.OnBinaryFrame(frame, 0, i, 1_000_000_000L * i);
            }

            sink.OnTextFrame(System.Text.Encoding.UTF8.GetBytes("{\"type\":\"order\",\"data\":" + File.ReadAllText(TestData.PathOf("kite/postback.json")) + "}"), 0, 300, 301_000_000_000);
            Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
        }

        var replayRing = new RingBuffer<RingEvent>(1024, new YieldingWaitStrategy());
        var replayed = new SlotCopies();
        using (var pipeline = new RingPipeline<RingEvent>(replayRing))
        {
            pipeline.HandleEventsWith(replayed);
            pipeline.Start();
            var result = new JournalReplaySource(JournalReader.Open(folder.Path), new InputPublisher(replayRing), TickDecoder.TryDecode, OrderUpdateParser.TryParse).Run(new ReplayOptions());
            Assert.Equal(601, result.InputsPublished);
            Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(received.Ticks.ToArray(), replayed.Slots.Where(s => s.Kind == EventKind.Tick).Select(s => s.Tick).ToArray());
        Assert.Equal(Enumerable.Range(0, 601).Select(i => (long)i), replayed.Slots.Select(s => s.InputSequence));
        Assert.Equal(Enumerable.Range(0, 300).SelectMany(i => new[] { 1_000_000_000L * i, 1_000_000_000L * i }).Append(301_000_000_000), replayed.Slots.Select(s => s.ReceiveTimestampNs));
        var order = replayed.Slots[^1];
        Assert.Equal(EventKind.OrderUpdate, order.Kind);
        Assert.Equal(220303000308932UL, order.Order.OrderId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReplayHonoursSequenceRangesAndPacing(bool yieldInWaits)
    {
        using var folder = new JournalFolder();
        WriteQuotesTenMillisecondsApart(folder, 50, withIntents: true);

        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy());
        var seen = new SlotCopies();
        var outputs = new List<long>();
        using var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(seen);
        pipeline.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new JournalReplaySource(JournalReader.Open(folder.Path), new InputPublisher(ring), TickDecoder.TryDecode)
            .Run(new ReplayOptions { FromSequence = 10, UntilSequence = 29, Speed = 2, YieldInWaits = yieldInWaits, OnOutput = (r, _) => outputs.Add(r.Sequence) });
        var elapsed = clock.Elapsed;
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));

        Assert.Equal(20, result.InputsPublished);
        Assert.Equal(Enumerable.Range(10, 20).Select(i => (long)i), seen.Slots.Select(s => s.InputSequence));
        Assert.Equal(Enumerable.Range(10, 20).Select(i => (long)i), outputs);

        // 19 gaps of 10 ms at twice the recorded speed: at least 95 ms, spinning or yielding the core.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(95), $"paced replay took only {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void APacedReplayTellsItsOpeningApartFromItsPacedSpan()
    {
        using var folder = new JournalFolder();
        WriteQuotesTenMillisecondsApart(folder, 30, withIntents: false);

        (ReplayResult Result, List<(int Thread, int SeenByThen)> Calls, int Seen) Replay(double speed)
        {
            var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy());
            var seen = new SlotCopies();
            using var pipeline = new RingPipeline<RingEvent>(ring);
            pipeline.HandleEventsWith(seen);
            pipeline.Start();
            var calls = new List<(int, int)>();
            var source = new JournalReplaySource(JournalReader.Open(folder.Path), new InputPublisher(ring), TickDecoder.TryDecode);

            // The first ten go out at full speed, then the pace starts at input 10.
            var result = source.Run(new ReplayOptions
            {
                Speed = speed,
                PaceFromSequence = 10,
                OnPacingStart = () =>
                {
                    // Every input before the pace is out before the call: wait for the consumer to have them.
                    var wait = System.Diagnostics.Stopwatch.StartNew();
                    while (source.InputsPublished > seen.Count && wait.Elapsed < TimeSpan.FromSeconds(10))
                    {
                        Thread.Yield();
                    }

                    calls.Add((Environment.CurrentManagedThreadId, seen.Count));
                },
            });
            Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
            return (result, calls, seen.Slots.Count);
        }

        var paced = Replay(speed: 2);
        Assert.Equal(30, paced.Seen);
        Assert.Equal(30, paced.Result.InputsPublished);
        var call = Assert.Single(paced.Calls);
        Assert.Equal(Environment.CurrentManagedThreadId, call.Thread);
        Assert.Equal(10, call.SeenByThen);
        Assert.Equal(20, paced.Result.InputsPaced);
        Assert.True(paced.Result.BeforePacing > TimeSpan.Zero);

        // 19 gaps of 10 ms at twice the recorded speed, all inside the paced span.
        Assert.True(paced.Result.Paced >= TimeSpan.FromMilliseconds(95), $"the paced span was only {paced.Result.Paced.TotalMilliseconds} ms");

        var full = Replay(speed: 0);
        Assert.Equal(30, full.Result.InputsPublished);
        Assert.Empty(full.Calls);
        Assert.Equal(0, full.Result.InputsPaced);
        Assert.Equal(TimeSpan.Zero, full.Result.Paced);
        Assert.Equal(TimeSpan.Zero, full.Result.BeforePacing);
    }

    [Fact]
    public void AReplayThatWritesNoJournalCanLeaveOutTheBytesAsReceivedAndDecodesTheSameTicks()
    {
        using var folder = new JournalFolder();
        var packets = new[] { TestData.Base64("kite/ticker_quote.packet"), TestData.Base64("kite/ticker_full.packet"), TestData.Bytes("kite/ltpMode_binary.packet")[4..12] };
        var garbage = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF, 0x01 };
        using (var writer = folder.Open())
        {
            for (int i = 0; i < 30; i++)
            {
                var body = i == 17 ? garbage : packets[i % packets.Length];
                var payload = new byte[InputRecordCodec.PrefixSize + body.Length];
                body.CopyTo(payload, InputRecordCodec.PrefixSize);
                writer.Append(i == 17 ? RecordType.UndecodablePacket : RecordType.Tick, 1, i, 1_000_000L * i, payload);
            }
        }

        RingEvent[] Replay(bool keepRawBytes)
        {
            var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy());
            var seen = new SlotCopies();
            using var pipeline = new RingPipeline<RingEvent>(ring);
            pipeline.HandleEventsWith(seen);
            pipeline.Start();
            var result = new JournalReplaySource(JournalReader.Open(folder.Path), new InputPublisher(ring), TickDecoder.TryDecode)
                .Run(new ReplayOptions { KeepRawBytes = keepRawBytes });
            Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
            Assert.Equal(30, result.InputsPublished);
            return [.. seen.Slots];
        }

        var kept = Replay(keepRawBytes: true);
        var left = Replay(keepRawBytes: false);

        // By default a tick's slot holds the packet exactly as recorded, for a journaller.
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(i == 17 ? garbage : packets[i % packets.Length], kept[i].RawBytes.ToArray());
        }

        // Without them, the same ticks decode and the same inputs arrive in the same order;
        // only the bytes are missing, except for the undecodable packet, whose bytes are all it has.
        Assert.Equal(kept.Select(s => (s.Kind, s.InputSequence, s.ReceiveTimestampNs, s.PacketIndex, s.Tick)), left.Select(s => (s.Kind, s.InputSequence, s.ReceiveTimestampNs, s.PacketIndex, s.Tick)));
        Assert.All(left.Where(s => s.Kind == EventKind.Tick), s => Assert.Equal(0, s.RawLength));
        Assert.Equal(EventKind.Undecodable, left[17].Kind);
        Assert.Equal(garbage, left[17].RawBytes.ToArray());
    }

    private sealed class SlotCopies : IEventHandler<RingEvent>
    {
        private int _count;

        public List<RingEvent> Slots { get; } = [];

        public int Count => Volatile.Read(ref _count);

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            Slots.Add(data);
            Volatile.Write(ref _count, Slots.Count);
        }
    }
}
