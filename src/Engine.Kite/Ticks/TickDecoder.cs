using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        // Each path cuts the packet to a full one's length itself.
        if (Vector128.IsHardwareAccelerated && Unsafe.SizeOf<DepthLevel>() == LevelBytes)
        {
            DecodeFullVectorised(packet, ref tick);
            return;
        }

        DecodeFullOneByOne(packet, ref tick);
    }

    /// <summary>The full packet one field at a time: where vectors are not accelerated, and the vector path's reference in the tests.</summary>
    internal static void DecodeFullOneByOne(ReadOnlySpan<byte> packet, ref Tick tick)
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

    // A packet's depth level is 12 bytes: quantity, price (big-endian), a 2-byte order count and
    // 2 bytes of padding. DepthLevel holds price, quantity, orders in the CPU's order, also in 12.
    private const int LevelBytes = 12;

    // The full packet's 45 fields are 45 loads, byte swaps and stores one at a time, about a sixth
    // of a replay producer's time. Runs of fields that the packet and the tick keep in the same
    // order go four at a time (swapped, widened to the tick's longs), and a depth level is one
    // shuffle: 0.60-0.70x the time into a ring slot (TickDecodeBenchmarks, against the one at a time).
    // The runs rely on Tick declaring TotalBuyQuantity..High and LastTradeTime..OiDayLow in the
    // packet's order; the property test against DecodeFullOneByOne fails if that changes.
    internal static void DecodeFullVectorised(ReadOnlySpan<byte> packet, ref Tick tick)
    {
        // The loads below are unchecked: a packet shorter than a full one must fail here.
        packet = packet[..TickPacket.FullLength];
        ref byte source = ref MemoryMarshal.GetReference(packet);
        DecodeHeader(packet, ref tick);
        tick.Mode = TickMode.Full;
        tick.IndexChange = 0;
        tick.LastTradedQuantity = U32(packet, 8);
        tick.AverageTradedPrice = U32(packet, 12);
        tick.VolumeTraded = U32(packet, 16);

        // Total buy and sell quantity, open, high (bytes 20-35), then low and close one by one.
        StoreFourWidened(Vector128.LoadUnsafe(ref source, 20), ref tick.TotalBuyQuantity);
        tick.Low = U32(packet, 36);
        tick.Close = U32(packet, 40);

        // Last trade time, OI, OI day high, OI day low (bytes 44-59).
        StoreFourWidened(Vector128.LoadUnsafe(ref source, 44), ref tick.LastTradeTime);
        tick.ExchangeTimestamp = U32(packet, 60);

        // Each 16-byte store also zeroes the next level's first 4 bytes, which that level then
        // writes; the last level of a side is decoded alone, so nothing past the side is touched
        // and nothing past the packet is read.
        ref byte bids = ref Unsafe.As<DepthLevel, byte>(ref tick.Bids[0]);
        ref byte asks = ref Unsafe.As<DepthLevel, byte>(ref tick.Asks[0]);

        // Each field's bytes reversed, price and quantity swapped, the padding and the 4 bytes past
        // the level zeroed (an index of 255 gives 0). A constant here, so the JIT emits one shuffle.
        var levelShuffle = Vector128.Create((byte)7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 255, 255, 255, 255, 255, 255);
        for (nuint i = 0; i < DepthSide.Levels - 1; i++)
        {
            Vector128.Shuffle(Vector128.LoadUnsafe(ref source, 64 + (i * LevelBytes)), levelShuffle).StoreUnsafe(ref bids, i * LevelBytes);
            Vector128.Shuffle(Vector128.LoadUnsafe(ref source, 124 + (i * LevelBytes)), levelShuffle).StoreUnsafe(ref asks, i * LevelBytes);
        }

        DecodeLevel(packet.Slice(64 + (12 * (DepthSide.Levels - 1)), 12), ref tick.Bids[DepthSide.Levels - 1]);
        DecodeLevel(packet.Slice(124 + (12 * (DepthSide.Levels - 1)), 12), ref tick.Asks[DepthSide.Levels - 1]);
    }

    // Four big-endian unsigned 32-bit fields into four consecutive long fields of the tick.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFourWidened(Vector128<byte> bigEndian, ref long first)
    {
        var fields = Vector128.Shuffle(bigEndian, Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12)).AsUInt32();
        ref byte destination = ref Unsafe.As<long, byte>(ref first);
        Vector128.WidenLower(fields).StoreUnsafe(ref Unsafe.As<byte, ulong>(ref destination));
        Vector128.WidenUpper(fields).StoreUnsafe(ref Unsafe.As<byte, ulong>(ref Unsafe.Add(ref destination, 16)));
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
