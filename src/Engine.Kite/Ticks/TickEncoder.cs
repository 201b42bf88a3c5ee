using System.Buffers.Binary;
using Engine.Core.Market;

namespace Engine.Kite.Ticks;

/// <summary>The exact inverse of <see cref="TickDecoder"/>: writes Kite packets and frames (used by the simulator and tests).</summary>
public static class TickEncoder
{
    /// <summary>The packet length for a tick's mode and kind (index or tradable).</summary>
    public static int PacketLength(in Tick tick) => tick.Mode switch
    {
        TickMode.Ltp => TickPacket.LtpLength,
        TickMode.Quote => tick.IsIndex ? TickPacket.IndexQuoteLength : TickPacket.QuoteLength,
        TickMode.Full => tick.IsIndex ? TickPacket.IndexFullLength : TickPacket.FullLength,
        _ => throw new ArgumentOutOfRangeException(nameof(tick), tick.Mode, "A tick to encode needs a mode (ltp, quote or full)."),
    };

    /// <summary>Writes one packet (no length prefix) and returns its length.</summary>
    public static int EncodePacket(in Tick tick, Span<byte> destination)
    {
        int length = PacketLength(tick);
        if (destination.Length < length)
        {
            throw new ArgumentException($"A {tick.Mode} packet needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        var packet = destination[..length];
        packet.Clear();
        Put(packet, 0, tick.InstrumentToken);
        Put(packet, 4, tick.LastPrice);
        if (length == TickPacket.LtpLength)
        {
            return length;
        }

        if (tick.IsIndex)
        {
            Put(packet, 8, tick.High);
            Put(packet, 12, tick.Low);
            Put(packet, 16, tick.Open);
            Put(packet, 20, tick.Close);
            BinaryPrimitives.WriteInt32BigEndian(packet[24..], checked((int)tick.IndexChange));
            if (length == TickPacket.IndexFullLength)
            {
                Put(packet, 28, tick.ExchangeTimestamp);
            }

            return length;
        }

        Put(packet, 8, tick.LastTradedQuantity);
        Put(packet, 12, tick.AverageTradedPrice);
        Put(packet, 16, tick.VolumeTraded);
        Put(packet, 20, tick.TotalBuyQuantity);
        Put(packet, 24, tick.TotalSellQuantity);
        Put(packet, 28, tick.Open);
        Put(packet, 32, tick.High);
        Put(packet, 36, tick.Low);
        Put(packet, 40, tick.Close);
        if (length == TickPacket.QuoteLength)
        {
            return length;
        }

        Put(packet, 44, tick.LastTradeTime);
        Put(packet, 48, tick.Oi);
        Put(packet, 52, tick.OiDayHigh);
        Put(packet, 56, tick.OiDayLow);
        Put(packet, 60, tick.ExchangeTimestamp);
        for (int i = 0; i < DepthSide.Levels; i++)
        {
            PutLevel(packet.Slice(64 + (12 * i), 12), tick.Bids[i]);
            PutLevel(packet.Slice(124 + (12 * i), 12), tick.Asks[i]);
        }

        return length;
    }

    /// <summary>The length of a frame holding <paramref name="ticks"/>.</summary>
    public static int FrameLength(ReadOnlySpan<Tick> ticks)
    {
        int length = 2;
        foreach (ref readonly var tick in ticks)
        {
            length += 2 + PacketLength(tick);
        }

        return length;
    }

    /// <summary>Writes a whole frame (count, then length-prefixed packets) and returns its length.</summary>
    public static int EncodeFrame(ReadOnlySpan<Tick> ticks, Span<byte> destination)
    {
        if (ticks.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"A frame holds at most {ushort.MaxValue} packets.", nameof(ticks));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)ticks.Length);
        int offset = 2;
        foreach (ref readonly var tick in ticks)
        {
            int length = EncodePacket(tick, destination[(offset + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)length);
            offset += 2 + length;
        }

        return offset;
    }

    private static void Put(Span<byte> packet, int offset, long value) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet[offset..], checked((uint)value));

    private static void PutLevel(Span<byte> entry, in DepthLevel level)
    {
        BinaryPrimitives.WriteUInt32BigEndian(entry, level.Quantity);
        BinaryPrimitives.WriteUInt32BigEndian(entry[4..], level.Price);
        BinaryPrimitives.WriteUInt16BigEndian(entry[8..], level.Orders);
    }
}
