using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Market;
using Engine.Kite.Ticks;
using Microsoft.Extensions.Logging;

namespace Engine.Kite.Ticker;

/// <summary>
/// Publishes what a ticker connection receives into the engine's ring through its input door. A
/// binary frame is scanned once to count its packets of a length Kite defines, the slots are
/// claimed in one batch, and every packet is decoded straight into its slot with its raw bytes
/// beside it: nothing allocated per tick. A packet the decoder refuses is counted, logged and
/// published as an <see cref="EventKind.Undecodable"/> input (so the journal keeps its bytes and
/// the input sequence has no gap), never as a tick. Packets of unknown length and the damaged end
/// of a frame are counted and logged, and never claimed.
/// </summary>
public sealed partial class RingTickerSink : ITickerSink
{
    private const int LoggedDamageLimit = 20;
    private readonly InputPublisher _inputs;
    private readonly TickerCounters _counters;
    private readonly ILogger _logger;
    private readonly TickPacketDecoder? _decode;
    private long _damageLogged;

    /// <summary>Creates the sink over the engine's input door; <paramref name="decode"/> defaults to Kite's decoder.</summary>
    public RingTickerSink(InputPublisher inputs, TickerCounters counters, ILogger logger, TickPacketDecoder? decode = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _inputs = inputs;
        _counters = counters;
        _logger = logger;
        _decode = decode;
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
        if (damaged || unknown > 0)
        {
            ReportDamage(scan, unknown, connection, frameId);
        }

        var reader = new PacketReader(frame);
        int refused = 0;
        long latestExchangeSeconds = 0;
        ushort index = 0;
        int remaining = decodable;
        while (remaining > 0)
        {
            var batch = _inputs.ClaimBatch(Math.Min(remaining, _inputs.MaxBatch));
            int filled = 0;
            while (filled < batch.Count && reader.TryRead(out var packet))
            {
                index++;
                if (!TickPacket.IsKnownLength(packet.Length))
                {
                    continue;
                }

                ref var slot = ref batch.Begin(filled++, EventKind.Tick, receiveTimestampNs);
                slot.Connection = (byte)connection;
                slot.PacketIndex = (ushort)(index - 1);
                slot.FrameId = frameId;
                packet.CopyTo(slot.Raw);
                slot.RawLength = packet.Length;
                // Kite's decoder is called directly (no delegate call per packet) unless another was given.
                if (!(_decode is null ? TickDecoder.TryDecode(packet, ref slot.Tick) : _decode(packet, ref slot.Tick)))
                {
                    slot.Kind = EventKind.Undecodable;
                    refused++;
                    ReportRefused(connection, frameId, index - 1, packet.Length, slot.InputSequence);
                }
                else if (slot.Tick.ExchangeTimestamp > latestExchangeSeconds)
                {
                    latestExchangeSeconds = slot.Tick.ExchangeTimestamp;
                }
            }

            batch.Publish();
            remaining -= batch.Count;
        }

        _counters.Decoded(decodable - refused, unknown, refused, damaged, latestExchangeSeconds);
    }

    /// <inheritdoc/>
    public void OnTextFrame(ReadOnlySpan<byte> utf8, int connection, long frameId, long receiveTimestampNs)
    {
        var kind = OrderUpdateParser.ReadKind(utf8);
        _counters.Text(kind);
        var claim = _inputs.Claim(EventKind.BrokerText, receiveTimestampNs);
        ref var slot = ref claim.Slot;
        slot.Connection = (byte)connection;
        slot.FrameId = frameId;
        slot.SetText(utf8);
        if (kind == TextFrameKind.Order && OrderUpdateParser.TryParse(utf8, out slot.Order))
        {
            slot.Kind = EventKind.OrderUpdate;
        }
        else
        {
            slot.Order = default;
        }

        claim.Publish();
        if (kind is TextFrameKind.Error or TextFrameKind.Message or TextFrameKind.Other)
        {
            Log.BrokerText(_logger, connection, kind, System.Text.Encoding.UTF8.GetString(utf8));
        }
    }

    private bool ShouldLogDamage(out bool last)
    {
        long logged = Interlocked.Increment(ref _damageLogged);
        last = logged == LoggedDamageLimit;
        return logged <= LoggedDamageLimit;
    }

    private void ReportDamage(PacketReader scan, int unknown, int connection, long frameId)
    {
        if (ShouldLogDamage(out bool last))
        {
            string what = scan.Damage != FrameDamage.None ? scan.DescribeDamage() : "frame is whole";
            Log.DamagedFrame(_logger, connection, frameId, what, unknown, scan.PacketsRead - unknown, last ? " (further damage is counted, not logged)" : "");
        }
    }

    private void ReportRefused(int connection, long frameId, int packetIndex, int length, long inputSequence)
    {
        if (ShouldLogDamage(out bool last))
        {
            Log.Refused(_logger, connection, frameId, packetIndex, length, inputSequence, last ? " (further damage is counted, not logged)" : "");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}: broker {Kind} frame: {Text}")]
        public static partial void BrokerText(ILogger logger, int connection, TextFrameKind kind, string text);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}, frame {FrameId}: {Damage}; {Unknown} packets of unknown length skipped; {Kept} complete packets kept{More}")]
        public static partial void DamagedFrame(ILogger logger, int connection, long frameId, string damage, int unknown, int kept, string more);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ticker connection {Connection}, frame {FrameId}: packet {PacketIndex} ({Length} bytes) could not be decoded; journaled as undecodable input {InputSequence}, not acted on{More}")]
        public static partial void Refused(ILogger logger, int connection, long frameId, int packetIndex, int length, long inputSequence, string more);
    }
}
