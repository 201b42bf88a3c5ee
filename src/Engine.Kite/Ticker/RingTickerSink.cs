using System.Diagnostics;
using Engine.Core.Events;
using Engine.Kite.Ticks;
using Engine.Ring;
using Microsoft.Extensions.Logging;

namespace Engine.Kite.Ticker;

/// <summary>
/// Publishes what a ticker connection receives into the engine's ring. A binary frame is scanned
/// once to count its decodable packets, the slots are claimed in one batch, and every packet is
/// decoded straight into its slot with its raw bytes beside it: nothing allocated per tick, and
/// never a partial tick, because damaged packets are not counted and so never claimed.
/// </summary>
public sealed partial class RingTickerSink : ITickerSink
{
    private const int LoggedDamageLimit = 20;
    private readonly RingBuffer<RingEvent> _ring;
    private readonly TickerCounters _counters;
    private readonly ILogger _logger;
    private readonly int _maxClaim;
    private readonly long _sequenceBase;
    private long _damageLogged;

    /// <summary>
    /// Creates the sink. Each slot's <see cref="RingEvent.InputSequence"/> is its ring sequence plus
    /// <paramref name="sequenceBase"/> (the journal's next sequence when the run started), so input
    /// sequences continue across runs of one journal.
    /// </summary>
    public RingTickerSink(RingBuffer<RingEvent> ring, TickerCounters counters, ILogger logger, long sequenceBase = 0)
    {
        _ring = ring;
        _sequenceBase = sequenceBase;
        _counters = counters;
        _logger = logger;
        _maxClaim = Math.Max(1, ring.BufferSize / 4);
    }

    /// <inheritdoc/>
    public void OnBinaryFrame(ReadOnlySpan<byte> frame, int connection, long frameId, long receiveTimestampNs)
    {
        var scan = new PacketReader(frame);
        int decodable = 0;
        int unknown = 0;
        while (scan.TryRead(out var packet))
        {
            if (TickPacket.IsKnownLength(packet.Length))
            {
                decodable++;
            }
            else
            {
                unknown++;
            }
        }

        bool damaged = scan.Damage != FrameDamage.None;
        _counters.Decoded(decodable, unknown, damaged);
        if (damaged || unknown > 0)
        {
            ReportDamage(scan, unknown, connection, frameId);
        }

        var reader = new PacketReader(frame);
        ushort index = 0;
        while (decodable > 0)
        {
            int claim = Math.Min(decodable, _maxClaim);
            long hi = _ring.Next(claim);
            long lo = hi - claim + 1;
            long sequence = lo;
            while (sequence <= hi && reader.TryRead(out var packet))
            {
                index++;
                if (!TickPacket.IsKnownLength(packet.Length))
                {
                    continue;
                }

                ref var slot = ref _ring[sequence];
                slot.InputSequence = _sequenceBase + sequence++;
                slot.Kind = EventKind.Tick;
                slot.Connection = (byte)connection;
                slot.PacketIndex = (ushort)(index - 1);
                slot.FrameId = frameId;
                slot.ReceiveTimestampNs = receiveTimestampNs;
                TickDecoder.TryDecode(packet, ref slot.Tick);
                packet.CopyTo(slot.Raw);
                slot.RawLength = packet.Length;
            }

            // Stamped once per claim: for latency measurement only (never journaled).
            long published = Stopwatch.GetTimestamp();
            for (long s = lo; s <= hi; s++)
            {
                _ring[s].PublishedTicks = published;
            }

            _ring.Publish(lo, hi);
            decodable -= claim;
        }
    }

    /// <inheritdoc/>
    public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs)
    {
        var kind = OrderUpdateParser.ReadKind(utf8);
        _counters.Text(kind);
        long sequence = _ring.Next();
        ref var slot = ref _ring[sequence];
        slot.InputSequence = _sequenceBase + sequence;
        slot.Connection = (byte)connection;
        slot.PacketIndex = 0;
        slot.FrameId = frameId;
        slot.ReceiveTimestampNs = receiveTimestampNs;
        slot.RawLength = 0;
        slot.SetText(utf8);
        if (kind == TextFrameKind.Order && OrderUpdateParser.TryParse(utf8, out slot.Order))
        {
            slot.Kind = EventKind.OrderUpdate;
        }
        else
        {
            slot.Kind = EventKind.BrokerText;
            slot.Order = default;
        }

        slot.PublishedTicks = Stopwatch.GetTimestamp();
        _ring.Publish(sequence);
        if (kind is TextFrameKind.Error or TextFrameKind.Message or TextFrameKind.Other)
        {
            Log.BrokerText(_logger, connection, kind, System.Text.Encoding.UTF8.GetString(utf8));
        }
    }

    private void ReportDamage(PacketReader scan, int unknown, int connection, long frameId)
    {
        long logged = Interlocked.Increment(ref _damageLogged);
        if (logged <= LoggedDamageLimit)
        {
            string what = scan.Damage != FrameDamage.None ? scan.DescribeDamage() : "frame is whole";
            Log.DamagedFrame(_logger, connection, frameId, what, unknown, scan.PacketsRead - unknown, logged == LoggedDamageLimit ? " (further damage is counted, not logged)" : "");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}: broker {Kind} frame: {Text}")]
        public static partial void BrokerText(ILogger logger, int connection, TextFrameKind kind, string text);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}, frame {FrameId}: {Damage}; {Unknown} packets of unknown length skipped; {Kept} complete packets kept{More}")]
        public static partial void DamagedFrame(ILogger logger, int connection, long frameId, string damage, int unknown, int kept, string more);
    }
}
