using Engine.Core.Inputs;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Kite;

public sealed class RingTickerSinkTests
{
    private static (RingBuffer<RingEvent> Ring, Sequence Consumer, TickerCounters Counters, RingTickerSink Sink) Create(int size = 1024)
    {
        var ring = new RingBuffer<RingEvent>(size, new YieldingWaitStrategy());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        var counters = new TickerCounters();
        return (ring, consumer, counters, new RingTickerSink(new InputPublisher(ring), counters, NullLogger.Instance));
    }

    [Fact]
    public void EachPacketLandsInItsOwnSlotWithItsRawBytesAndFramePosition()
    {
        var (ring, _, counters, sink) = Create();
        byte[] frame = TestData.Bytes("kite/websocket_ticks.bin");
        sink.OnBinaryFrame(frame, connection: 2, frameId: 77, receiveTimestampNs: 123);

        Assert.Equal(1, ring.Cursor);
        for (int i = 0; i < 2; i++)
        {
            ref var slot = ref ring[i];
            Assert.Equal(EventKind.Tick, slot.Kind);
            Assert.Equal(2, slot.Connection);
            Assert.Equal(77, slot.FrameId);
            Assert.Equal(i, slot.PacketIndex);
            Assert.Equal(123, slot.ReceiveTimestampNs);
            Assert.Equal(frame.AsSpan(4 + (i * 186), 184).ToArray(), slot.RawBytes.ToArray());
        }

        Assert.Equal(408065u, ring[0].Tick.InstrumentToken);
        Assert.Equal(2953217u, ring[1].Tick.InstrumentToken);
        Assert.Equal(2, counters.Packets);

        // The feed watchdog's exchange clock: the latest exchange timestamp among the frame's ticks.
        Assert.True(ring[0].Tick.ExchangeTimestamp > 0);
        Assert.Equal(Math.Max(ring[0].Tick.ExchangeTimestamp, ring[1].Tick.ExchangeTimestamp), counters.LatestExchangeTimestamp);
    }

    [Fact]
    public void DamagedFramesPublishOnlyWholeTicksAndEveryTruncationIsCounted()
    {
        Prop.ForAll(Arb.From(TickGenerators.Frame.Where(t => t.Length > 0)), ticks =>
        {
            var frame = new byte[TickEncoder.FrameLength(ticks)];
            TickEncoder.EncodeFrame(ticks, frame);
            var (ring, consumer, counters, sink) = Create(1 << 12);
            for (int cut = 0; cut < frame.Length; cut++)
            {
                long before = ring.Cursor;
                sink.OnBinaryFrame(frame.AsSpan(0, cut), 0, cut, 0);
                long published = ring.Cursor - before;
                for (long s = before + 1; s <= ring.Cursor; s++)
                {
                    if (ring[s].Tick != ticks[s - before - 1])
                    {
                        return false;
                    }
                }

                consumer.SetValue(ring.Cursor);
                if (published > ticks.Length)
                {
                    return false;
                }
            }

            return counters.DamagedFrames == frame.Length;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    [Fact]
    public void FramesLargerThanAQuarterOfTheRingArePublishedInSeveralClaims()
    {
        var (ring, consumer, counters, sink) = Create(16);
        var ticks = Enumerable.Range(0, 10).Select(i => new Tick { InstrumentToken = (uint)(256 * i) + 1, Mode = TickMode.Ltp, Segment = Engine.Core.Instruments.ExchangeSegment.Nse, Tradable = true, PriceDivisor = 100, LastPrice = i }).ToArray();
        var frame = new byte[TickEncoder.FrameLength(ticks)];
        TickEncoder.EncodeFrame(ticks, frame);
        sink.OnBinaryFrame(frame, 0, 1, 0);
        Assert.Equal(9, ring.Cursor);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Enumerable.Range(0, 10).Select(i => ring[i].Tick.LastPrice));
        Assert.Equal(10, counters.Packets);
    }

    [Fact]
    public void APacketTheDecoderRefusesIsCountedLoggedAndKeptAsAnUndecodableInputNeverAsATick()
    {
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy());
        ring.AddGatingSequences(new Sequence());
        var counters = new TickerCounters();
        var logger = new Engine.Tests.Support.RecordingLogger();
        var sink = new RingTickerSink(new InputPublisher(ring, sequenceBase: 100), counters, logger, RefuseToken(2953217));
        byte[] frame = TestData.Bytes("kite/websocket_ticks.bin");

        sink.OnBinaryFrame(frame, connection: 1, frameId: 9, receiveTimestampNs: 5);

        Assert.Equal(1, ring.Cursor);
        Assert.Equal(EventKind.Tick, ring[0].Kind);
        Assert.Equal(408065u, ring[0].Tick.InstrumentToken);
        Assert.Equal(EventKind.Undecodable, ring[1].Kind);
        Assert.Equal(101, ring[1].InputSequence);
        Assert.Equal(frame.AsSpan(4 + 186, 184).ToArray(), ring[1].RawBytes.ToArray());
        Assert.Equal((1L, 1L, 1L), (counters.Packets, counters.RefusedPackets, counters.DecodeErrors));
        Assert.Contains(logger.Lines, l => l.Text.Contains("could not be decoded", StringComparison.Ordinal) && l.Text.Contains("input 101", StringComparison.Ordinal));
    }

    // Kite's decoder, except that it refuses one instrument's packets, as a stricter decoder would.
    private static TickPacketDecoder RefuseToken(uint token) => (ReadOnlySpan<byte> packet, ref Tick tick) =>
        TickDecoder.TryDecode(packet, ref tick) && tick.InstrumentToken != token;

    [Fact]
    public void DecodingFullModeFramesIntoRingSlotsAllocatesNothing()
    {
        var (ring, consumer, _, sink) = Create(1 << 12);
        var full = Enumerable.Range(0, 100).Select(i =>
        {
            var t = default(Tick);
            TickDecoder.TryDecode(TestData.Base64("kite/ticker_full.packet"), ref t);
            t.LastPrice += i;
            return t;
        }).ToArray();
        var frame = new byte[TickEncoder.FrameLength(full)];
        TickEncoder.EncodeFrame(full, frame);

        for (int i = 0; i < 2000; i++)
        {
            sink.OnBinaryFrame(frame, 0, i, i);
            consumer.SetValue(ring.Cursor);
        }

        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                sink.OnBinaryFrame(frame, 0, i, i);
                consumer.SetValue(ring.Cursor);
            }
        });
        Assert.True(fewest == 0, rounds);
        Assert.Equal(full[^1], ring[ring.Cursor].Tick);
    }

    [Fact]
    public void OrderUpdatesAndBrokerTextGoIntoTheRingWithTheirRawJson()
    {
        var (ring, _, counters, sink) = Create();
        string postback = File.ReadAllText(TestData.PathOf("kite/postback.json"));
        sink.OnTextFrame(System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"order\",\"data\":{postback}}}"), 0, 5, 9);
        sink.OnTextFrame("{\"type\":\"message\",\"data\":\"hello\"}"u8, 0, 6, 10);
        Assert.Equal(EventKind.OrderUpdate, ring[0].Kind);
        Assert.Equal(220303000308932UL, ring[0].Order.OrderId);
        Assert.Contains("\"SBIN\"", System.Text.Encoding.UTF8.GetString(ring[0].TextBytes));
        Assert.Equal(EventKind.BrokerText, ring[1].Kind);
        Assert.Equal((1, 1, 2), (counters.OrderUpdates, counters.BrokerMessages, counters.TextFrames));
    }
}
