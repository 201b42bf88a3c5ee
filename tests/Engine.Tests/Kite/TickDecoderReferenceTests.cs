using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Kite.Ticks;

namespace Engine.Tests.Kite;

/// <summary>The published Kite packets decode to the values Zerodha's own client tests assert (protocol notes §3).</summary>
public sealed class TickDecoderReferenceTests
{
    private static Tick DecodeOne(byte[] packet)
    {
        var tick = default(Tick);
        Assert.True(TickDecoder.TryDecode(packet, ref tick));
        return tick;
    }

    private static List<Tick> DecodeFrame(byte[] frame)
    {
        var ticks = new List<Tick>();
        var reader = new PacketReader(frame);
        while (reader.TryRead(out var packet))
        {
            var tick = default(Tick);
            Assert.True(TickDecoder.TryDecode(packet, ref tick));
            ticks.Add(tick);
        }

        Assert.Equal(FrameDamage.None, reader.Damage);
        Assert.Equal(reader.DeclaredCount, ticks.Count);
        return ticks;
    }

    private static void AssertLevel(DepthLevel level, decimal price, uint quantity, ushort orders, int divisor = 100)
    {
        Assert.Equal(price, TickJson.Price(level.Price, divisor));
        Assert.Equal(quantity, level.Quantity);
        Assert.Equal(orders, level.Orders);
    }

    [Fact]
    public void TickerFullPacketFromTheMocksMatchesTheGoClientTest()
    {
        var t = DecodeOne(TestData.Base64("kite/ticker_full.packet"));
        Assert.Equal(TickMode.Full, t.Mode);
        Assert.Equal(408065u, t.InstrumentToken);
        Assert.Equal(ExchangeSegment.Nse, t.Segment);
        Assert.True(t.Tradable);
        Assert.Equal(1573.70m, TickJson.Price(t.LastPrice, t.PriceDivisor));
        Assert.Equal(7, t.LastTradedQuantity);
        Assert.Equal(1570.37m, TickJson.Price(t.AverageTradedPrice, 100));
        Assert.Equal(1192471, t.VolumeTraded);
        Assert.Equal(256443, t.TotalBuyQuantity);
        Assert.Equal(363009, t.TotalSellQuantity);
        Assert.Equal(1569.15m, TickJson.Price(t.Open, 100));
        Assert.Equal(1575.00m, TickJson.Price(t.High, 100));
        Assert.Equal(1561.05m, TickJson.Price(t.Low, 100));
        Assert.Equal(1567.80m, TickJson.Price(t.Close, 100));
        Assert.Equal(1625461887, t.LastTradeTime);
        Assert.Equal(1625461887, t.ExchangeTimestamp);
        Assert.Equal("2021-07-05T10:41:27+05:30", TickJson.IstTime(t.ExchangeTimestamp));
        Assert.Equal(0, t.Oi + t.OiDayHigh + t.OiDayLow);
        Assert.Equal(5.90m, TickJson.Price(t.NetChange, 100));

        AssertLevel(t.Bids[0], 1573.40m, 5, 1);
        AssertLevel(t.Bids[1], 1573.00m, 140, 2);
        AssertLevel(t.Bids[2], 1572.95m, 2, 1);
        AssertLevel(t.Bids[3], 1572.90m, 219, 7);
        AssertLevel(t.Bids[4], 1572.85m, 50, 1);
        AssertLevel(t.Asks[0], 1573.70m, 172, 3);
        AssertLevel(t.Asks[1], 1573.75m, 44, 3);
        AssertLevel(t.Asks[2], 1573.85m, 302, 3);
        AssertLevel(t.Asks[3], 1573.90m, 141, 2);
        AssertLevel(t.Asks[4], 1573.95m, 724, 5);
    }

    [Fact]
    public void TickerQuotePacketFromTheMocksMatchesTheGoClientTest()
    {
        var t = DecodeOne(TestData.Base64("kite/ticker_quote.packet"));
        Assert.Equal(TickMode.Quote, t.Mode);
        Assert.Equal(408065u, t.InstrumentToken);
        Assert.Equal(1573.15m, TickJson.Price(t.LastPrice, 100));
        Assert.Equal(1, t.LastTradedQuantity);
        Assert.Equal(1570.33m, TickJson.Price(t.AverageTradedPrice, 100));
        Assert.Equal(1175986, t.VolumeTraded);
        Assert.Equal(256511, t.TotalBuyQuantity);
        Assert.Equal(360503, t.TotalSellQuantity);
        Assert.Equal(1569.15m, TickJson.Price(t.Open, 100));
        Assert.Equal(1575m, TickJson.Price(t.High, 100));
        Assert.Equal(1561.05m, TickJson.Price(t.Low, 100));
        Assert.Equal(1567.8m, TickJson.Price(t.Close, 100));
        Assert.Equal(0, t.ExchangeTimestamp);
        Assert.Equal(default, t.Bids[0]);
    }

    [Fact]
    public void CppClientFrameOfTwoFullPacketsMatchesItsTest()
    {
        var ticks = DecodeFrame(TestData.Bytes("kite/websocket_ticks.bin"));
        Assert.Equal(2, ticks.Count);

        var a = ticks[0];
        Assert.Equal(TickMode.Full, a.Mode);
        Assert.Equal(408065u, a.InstrumentToken);
        Assert.True(a.Tradable);
        Assert.Equal(1612777255, a.ExchangeTimestamp);
        Assert.Equal(1612777255, a.LastTradeTime);
        Assert.Equal(1299.05m, TickJson.Price(a.LastPrice, 100));
        Assert.Equal(2, a.LastTradedQuantity);
        Assert.Equal(390117, a.TotalBuyQuantity);
        Assert.Equal(410173, a.TotalSellQuantity);
        Assert.Equal(6065675, a.VolumeTraded);
        Assert.Equal(1290.29m, TickJson.Price(a.AverageTradedPrice, 100));
        Assert.Equal(0, a.Oi);
        Assert.Equal(2.1185441396116693, a.ChangePercent, 12);
        Assert.Equal(26.95m, TickJson.Price(a.NetChange, 100));
        Assert.Equal((1285.5m, 1305.9m, 1275.5m, 1272.1m), (TickJson.Price(a.Open, 100), TickJson.Price(a.High, 100), TickJson.Price(a.Low, 100), TickJson.Price(a.Close, 100)));
        AssertLevel(a.Bids[0], 1299.00m, 2098, 10);
        AssertLevel(a.Bids[1], 1298.90m, 6, 2);
        AssertLevel(a.Bids[2], 1298.80m, 135, 5);
        AssertLevel(a.Bids[3], 1298.75m, 1, 1);
        AssertLevel(a.Bids[4], 1298.70m, 55, 2);
        AssertLevel(a.Asks[0], 1299.05m, 335, 7);
        AssertLevel(a.Asks[1], 1299.10m, 1, 1);
        AssertLevel(a.Asks[2], 1299.40m, 45, 2);
        AssertLevel(a.Asks[3], 1299.45m, 120, 2);
        AssertLevel(a.Asks[4], 1299.50m, 233, 3);

        var b = ticks[1];
        Assert.Equal(2953217u, b.InstrumentToken);
        Assert.Equal(1612777254, b.ExchangeTimestamp);
        Assert.Equal(1612777254, b.LastTradeTime);
        Assert.Equal(3209.40m, TickJson.Price(b.LastPrice, 100));
        Assert.Equal(148, b.LastTradedQuantity);
        Assert.Equal(146646, b.TotalBuyQuantity);
        Assert.Equal(145876, b.TotalSellQuantity);
        Assert.Equal(2261635, b.VolumeTraded);
        Assert.Equal(3188.32m, TickJson.Price(b.AverageTradedPrice, 100));
        Assert.Equal(1.6292214886239578, b.ChangePercent, 12);
        Assert.Equal(51.45m, TickJson.Price(b.NetChange, 100));
        Assert.Equal((3189.5m, 3226m, 3155.15m, 3157.95m), (TickJson.Price(b.Open, 100), TickJson.Price(b.High, 100), TickJson.Price(b.Low, 100), TickJson.Price(b.Close, 100)));
        AssertLevel(b.Bids[0], 3209.70m, 1, 1);
        AssertLevel(b.Bids[1], 3209.40m, 300, 1);
        AssertLevel(b.Bids[2], 3209.25m, 138, 1);
        AssertLevel(b.Bids[3], 3209.15m, 31, 1);
        AssertLevel(b.Bids[4], 3209.05m, 52, 1);
        AssertLevel(b.Asks[0], 3209.95m, 16, 2);
        AssertLevel(b.Asks[1], 3210.05m, 35, 1);
        AssertLevel(b.Asks[2], 3210.10m, 47, 2);
        AssertLevel(b.Asks[3], 3210.15m, 30, 3);
        AssertLevel(b.Asks[4], 3210.20m, 670, 1);
    }

    [Fact]
    public void JsClientLtpFrameDecodes()
    {
        var frame = TestData.Bytes("kite/ltpMode_binary.packet");
        Assert.Equal(new byte[] { 0x00, 0x01, 0x00, 0x08, 0x00, 0x0d, 0x80, 0x01, 0x00, 0x00, 0x99, 0x7f }, frame);
        var t = Assert.Single(DecodeFrame(frame));
        Assert.Equal(TickMode.Ltp, t.Mode);
        Assert.Equal(884737u, t.InstrumentToken);
        Assert.Equal(392.95m, TickJson.Price(t.LastPrice, 100));
    }

    [Fact]
    public void JsClientQuoteFrameDecodes()
    {
        var t = Assert.Single(DecodeFrame(TestData.Bytes("kite/quoteMode_binary.packet")));
        Assert.Equal(TickMode.Quote, t.Mode);
        Assert.Equal(884737u, t.InstrumentToken);
        Assert.Equal(392.95m, TickJson.Price(t.LastPrice, 100));
        Assert.Equal(2, t.LastTradedQuantity);
        Assert.Equal(403.07m, TickJson.Price(t.AverageTradedPrice, 100));
        Assert.Equal(22261032, t.VolumeTraded);
        Assert.Equal(5617, t.TotalBuyQuantity);
        Assert.Equal(0, t.TotalSellQuantity);
        Assert.Equal((420.00m, 420.90m, 390.10m, 414.10m), (TickJson.Price(t.Open, 100), TickJson.Price(t.High, 100), TickJson.Price(t.Low, 100), TickJson.Price(t.Close, 100)));
        Assert.Equal(-5.107461965708774, t.ChangePercent, 12);
    }

    [Fact]
    public void JsClientFullFrameDecodesAPostCloseSnapshot()
    {
        var t = Assert.Single(DecodeFrame(TestData.Bytes("kite/fullMode_binary.packet")));
        Assert.Equal(TickMode.Full, t.Mode);
        Assert.Equal(884737u, t.InstrumentToken);
        Assert.Equal(392.95m, TickJson.Price(t.LastPrice, 100));
        Assert.Equal(1655375264, t.LastTradeTime);
        Assert.Equal(1655378328, t.ExchangeTimestamp);
        Assert.Equal("2022-06-16T15:57:44+05:30", TickJson.IstTime(t.LastTradeTime));
        Assert.Equal("2022-06-16T16:48:48+05:30", TickJson.IstTime(t.ExchangeTimestamp));
        Assert.Equal(0, t.Oi);
        AssertLevel(t.Bids[0], 392.95m, 5617, 30);
        for (int i = 1; i < 5; i++)
        {
            Assert.Equal(default, t.Bids[i]);
        }

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(default, t.Asks[i]);
        }
    }

    [Fact]
    public void TheMockPacketsReEncodeToTheirExactBytes()
    {
        foreach (var file in new[] { "kite/ticker_full.packet", "kite/ticker_quote.packet" })
        {
            var packet = TestData.Base64(file);
            var tick = DecodeOne(packet);
            var encoded = new byte[packet.Length];
            Assert.Equal(packet.Length, TickEncoder.EncodePacket(tick, encoded));
            Assert.Equal(packet, encoded);
        }

        foreach (var file in new[] { "kite/websocket_ticks.bin", "kite/fullMode_binary.packet", "kite/quoteMode_binary.packet", "kite/ltpMode_binary.packet" })
        {
            var frame = TestData.Bytes(file);
            var ticks = DecodeFrame(frame).ToArray();
            var encoded = new byte[TickEncoder.FrameLength(ticks)];
            TickEncoder.EncodeFrame(ticks, encoded);
            Assert.Equal(frame, encoded);
        }
    }

    [Theory]
    [InlineData(1u, ExchangeSegment.Nse, 100, true)]
    [InlineData(2u, ExchangeSegment.Nfo, 100, true)]
    [InlineData(3u, ExchangeSegment.Cds, 10_000_000, true)]
    [InlineData(4u, ExchangeSegment.Bse, 100, true)]
    [InlineData(5u, ExchangeSegment.Bfo, 100, true)]
    [InlineData(6u, ExchangeSegment.Bcd, 10_000, true)]
    [InlineData(7u, ExchangeSegment.Mcx, 100, true)]
    [InlineData(8u, ExchangeSegment.Mcxsx, 100, true)]
    [InlineData(9u, ExchangeSegment.Indices, 100, false)]
    public void SegmentComesFromTheTokensLowByteWithItsDivisor(uint segmentCode, ExchangeSegment segment, int divisor, bool tradable)
    {
        var packet = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet, (1234u * 256) + segmentCode);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), 831234567);
        var t = DecodeOne(packet);
        Assert.Equal(segment, t.Segment);
        Assert.Equal(divisor, t.PriceDivisor);
        Assert.Equal(tradable, t.Tradable);
        Assert.Equal(831234567m / divisor, TickJson.Price(t.LastPrice, t.PriceDivisor));
    }

    [Fact]
    public void IndexPacketsUseHighLowOpenCloseOrderAndASignedChange()
    {
        // NIFTY 50 (token 256265 = 1001 * 256 + 9), hand-built per the documented index layout.
        var packet = new byte[32];
        void Put(int offset, int value) => System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(offset), value);
        Put(0, 256265);
        Put(4, 2_412_345);   // last 24123.45
        Put(8, 2_430_000);   // high
        Put(12, 2_400_000);  // low
        Put(16, 2_420_000);  // open
        Put(20, 2_425_000);  // previous close
        Put(24, -12_655);    // change -126.55
        Put(28, 1_700_000_000);
        var t = DecodeOne(packet);
        Assert.True(t.IsIndex);
        Assert.False(t.Tradable);
        Assert.Equal(TickMode.Full, t.Mode);
        Assert.Equal(24300.00m, TickJson.Price(t.High, 100));
        Assert.Equal(24000.00m, TickJson.Price(t.Low, 100));
        Assert.Equal(24200.00m, TickJson.Price(t.Open, 100));
        Assert.Equal(24250.00m, TickJson.Price(t.Close, 100));
        Assert.Equal(-126.55m, TickJson.Price(t.IndexChange, 100));
        Assert.Equal(1_700_000_000, t.ExchangeTimestamp);

        var quote = DecodeOne(packet[..28]);
        Assert.Equal(TickMode.Quote, quote.Mode);
        Assert.Equal(0, quote.ExchangeTimestamp);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(45)]
    [InlineData(183)]
    [InlineData(185)]
    public void PacketsOfUnknownLengthAreRefusedAndTheSlotIsUntouched(int length)
    {
        var tick = new Tick { InstrumentToken = 42, LastPrice = 7 };
        Assert.False(TickDecoder.TryDecode(new byte[length], ref tick));
        Assert.Equal(42u, tick.InstrumentToken);
        Assert.Equal(7, tick.LastPrice);
    }
}
