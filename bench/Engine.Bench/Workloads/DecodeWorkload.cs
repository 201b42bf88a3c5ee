using Engine.Core.Inputs;
using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Bench.Workloads;

/// <summary>
/// The decode hot path, isolated: a realistic full-mode packet and a 100-packet frame, decoded into
/// the slots of a ring whose only consumer is advanced by hand, so nothing but decoding is timed.
/// </summary>
public sealed class DecodeWorkload
{
    private readonly byte[] _packet;
    private readonly byte[] _frame;
    private readonly RingBuffer<RingEvent> _ring = new(1 << 12, new YieldingWaitStrategy());
    private readonly Sequence _consumer = new();
    private readonly RingTickerSink _sink;
    private long _slot;

    /// <summary>Builds the packet and frame.</summary>
    public DecodeWorkload()
    {
        var ticks = new Tick[100];
        for (int i = 0; i < ticks.Length; i++)
        {
            ref var t = ref ticks[i];
            t.InstrumentToken = (uint)((1594 + i) * 256) + 1;
            t.Mode = TickMode.Full;
            t.Segment = ExchangeSegment.Nse;
            t.Tradable = true;
            t.PriceDivisor = 100;
            t.LastPrice = 157_370 + i;
            t.LastTradedQuantity = 7;
            t.AverageTradedPrice = 157_037;
            t.VolumeTraded = 1_192_471 + i;
            t.TotalBuyQuantity = 256_443;
            t.TotalSellQuantity = 363_009;
            (t.Open, t.High, t.Low, t.Close) = (156_915, 157_500, 156_105, 156_780);
            t.LastTradeTime = t.ExchangeTimestamp = 1_625_461_887;
            for (int level = 0; level < DepthSide.Levels; level++)
            {
                t.Bids[level] = new DepthLevel((uint)(157_340 - (5 * level)), (uint)(10 + level), (ushort)(1 + level));
                t.Asks[level] = new DepthLevel((uint)(157_370 + (5 * level)), (uint)(20 + level), (ushort)(2 + level));
            }
        }

        _packet = new byte[TickPacket.FullLength];
        TickEncoder.EncodePacket(ticks[0], _packet);
        _frame = new byte[TickEncoder.FrameLength(ticks)];
        TickEncoder.EncodeFrame(ticks, _frame);
        _ring.AddGatingSequences(_consumer);
        _sink = new RingTickerSink(new InputPublisher(_ring), new TickerCounters(), NullLogger.Instance);
    }

    /// <summary>Packets in <see cref="PublishFrame"/>.</summary>
    public int PacketsPerFrame { get; } = 100;

    /// <summary>Decodes the full packet into the next slot.</summary>
    public bool DecodeOnePacket()
    {
        long sequence = _slot++;
        return TickDecoder.TryDecode(_packet, ref _ring[sequence].Tick);
    }

    /// <summary>The same-run baseline: copies the packet's bytes into the next slot, as the sink does before it decodes.</summary>
    public void CopyOnePacket()
    {
        long sequence = _slot++;
        _packet.CopyTo(_ring[sequence].Raw);
    }

    /// <summary>Publishes the 100-packet frame through the ring sink, then frees the slots.</summary>
    public void PublishFrame()
    {
        _sink.OnBinaryFrame(_frame, 0, 1, 0);
        _consumer.SetValue(_ring.Cursor);
    }
}
