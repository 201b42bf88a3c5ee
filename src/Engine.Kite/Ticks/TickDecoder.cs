using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Engine.Core.Instruments;
using Engine.Core.Market;

namespace Engine.Kite.Ticks;

/// <summary>
/// Decodes one Kite binary packet straight into a <see cref="Tick"/> (a ring slot, by reference):
/// big-endian fields at the documented offsets, no allocation, no copy.
/// </summary>
public static class TickDecoder
{
    /// <summary>
    /// Decodes <paramref name="packet"/> into <paramref name="tick"/>. Returns false, leaving the
    /// tick untouched, when the length is not one Kite defines.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, ref Tick tick)
    {
        switch (packet.Length)
        {
            case TickPacket.FullLength:
                DecodeFull(packet, ref tick);
                return true;
            case TickPacket.QuoteLength:
                tick = default;
                DecodeQuote(packet, ref tick);
                tick.Mode = TickMode.Quote;
                return true;
            case TickPacket.LtpLength:
                tick = default;
                DecodeHeader(packet, ref tick);
                tick.Mode = TickMode.Ltp;
                return true;
            case TickPacket.IndexQuoteLength:
            case TickPacket.IndexFullLength:
                tick = default;
                DecodeIndex(packet, ref tick);
                return true;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint U32(ReadOnlySpan<byte> packet, int offset) => BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(offset, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DecodeHeader(ReadOnlySpan<byte> packet, ref Tick tick)
    {
        uint token = U32(packet, 0);
        var segment = Segments.Of(token);
        tick.InstrumentToken = token;
        tick.Segment = segment;
        tick.Tradable = Segments.IsTradable(segment);
        tick.PriceDivisor = Segments.PriceDivisor(segment);
        tick.LastPrice = U32(packet, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DecodeQuote(ReadOnlySpan<byte> packet, ref Tick tick)
    {
        DecodeHeader(packet, ref tick);
        tick.LastTradedQuantity = U32(packet, 8);
        tick.AverageTradedPrice = U32(packet, 12);
        tick.VolumeTraded = U32(packet, 16);
        tick.TotalBuyQuantity = U32(packet, 20);
        tick.TotalSellQuantity = U32(packet, 24);
        tick.Open = U32(packet, 28);
        tick.High = U32(packet, 32);
        tick.Low = U32(packet, 36);
        tick.Close = U32(packet, 40);
    }

    private static void DecodeFull(ReadOnlySpan<byte> packet, ref Tick tick)
    {
        packet = packet[..TickPacket.FullLength];
        DecodeQuote(packet, ref tick);
        tick.Mode = TickMode.Full;
        tick.IndexChange = 0;
        tick.LastTradeTime = U32(packet, 44);
        tick.Oi = U32(packet, 48);
        tick.OiDayHigh = U32(packet, 52);
        tick.OiDayLow = U32(packet, 56);
        tick.ExchangeTimestamp = U32(packet, 60);
        for (int i = 0; i < DepthSide.Levels; i++)
        {
            DecodeLevel(packet.Slice(64 + (12 * i), 12), ref tick.Bids[i]);
            DecodeLevel(packet.Slice(124 + (12 * i), 12), ref tick.Asks[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DecodeLevel(ReadOnlySpan<byte> entry, ref DepthLevel level)
    {
        // quantity, price, then a 2-byte order count and 2 bytes of padding: reading the count as
        // 4 bytes is the classic bug that yields orders << 16.
        level.Quantity = BinaryPrimitives.ReadUInt32BigEndian(entry);
        level.Price = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
        level.Orders = BinaryPrimitives.ReadUInt16BigEndian(entry[8..]);
    }

    private static void DecodeIndex(ReadOnlySpan<byte> packet, ref Tick tick)
    {
        DecodeHeader(packet, ref tick);

        // Index packets order the day's prices high, low, open, close, unlike tradable packets.
        tick.High = U32(packet, 8);
        tick.Low = U32(packet, 12);
        tick.Open = U32(packet, 16);
        tick.Close = U32(packet, 20);

        // The change can be negative: signed, unlike every other field.
        tick.IndexChange = BinaryPrimitives.ReadInt32BigEndian(packet.Slice(24, 4));
        if (packet.Length == TickPacket.IndexFullLength)
        {
            tick.Mode = TickMode.Full;
            tick.ExchangeTimestamp = U32(packet, 28);
        }
        else
        {
            tick.Mode = TickMode.Quote;
        }
    }
}
