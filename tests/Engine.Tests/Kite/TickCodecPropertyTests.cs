using System.Runtime.InteropServices;
using Engine.Core.Market;
using Engine.Kite.Ticks;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Kite;

public sealed class TickCodecPropertyTests
{
    private static List<Tick> ReadAll(ReadOnlySpan<byte> frame, out FrameDamage damage)
    {
        var ticks = new List<Tick>();
        var reader = new PacketReader(frame);
        while (reader.TryRead(out var packet))
        {
            var tick = default(Tick);
            if (TickDecoder.TryDecode(packet, ref tick))
            {
                ticks.Add(tick);
            }
        }

        damage = reader.Damage;
        return ticks;
    }

    [Fact]
    public void EncodeThenDecodeGivesTheSameTickForEveryKindAndSegment()
    {
        Prop.ForAll(Arb.From(TickGenerators.Tick), tick =>
        {
            var packet = new byte[TickPacket.MaxLength];
            int length = TickEncoder.EncodePacket(tick, packet);
            var decoded = new Tick { LastPrice = 999, Oi = 5 };   // a dirty slot, as a reused ring slot would be
            return TickDecoder.TryDecode(packet.AsSpan(0, length), ref decoded) && decoded == tick;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void EncodedFramesDecodeToTheSameTicksInOrder()
    {
        Prop.ForAll(Arb.From(TickGenerators.Frame), ticks =>
        {
            var frame = new byte[TickEncoder.FrameLength(ticks)];
            TickEncoder.EncodeFrame(ticks, frame);
            var decoded = ReadAll(frame, out var damage);
            return damage == FrameDamage.None && decoded.SequenceEqual(ticks);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EveryTruncationKeepsExactlyTheCompletePacketsAndReportsTheDamage()
    {
        Prop.ForAll(Arb.From(TickGenerators.Frame.Where(t => t.Length > 0)), ticks =>
        {
            var frame = new byte[TickEncoder.FrameLength(ticks)];
            TickEncoder.EncodeFrame(ticks, frame);

            // Where each packet ends in the frame.
            var ends = new List<int>();
            int offset = 2;
            foreach (var t in ticks)
            {
                offset += 2 + TickEncoder.PacketLength(t);
                ends.Add(offset);
            }

            for (int cut = 0; cut < frame.Length; cut++)
            {
                var decoded = ReadAll(frame.AsSpan(0, cut), out var damage);
                int complete = ends.Count(e => e <= cut);
                if (damage == FrameDamage.None || decoded.Count != complete || !decoded.SequenceEqual(ticks.Take(complete)))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void TheVectorDecodeOfAFullPacketEqualsTheFieldAtATimeOne()
    {
        // Any 184 bytes, into slots holding anything: every field, padding aside, must come out
        // the same, and nothing around the tick may be touched.
        var input = from packet in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), TickPacket.FullLength)
                    from fill in Gen.Choose(0, 255)
                    select (Packet: packet, Fill: (byte)fill);
        Prop.ForAll(input.ToArbitrary(), x =>
        {
            var one = new Tick[3];
            var vector = new Tick[3];
            MemoryMarshal.AsBytes(one.AsSpan()).Fill(x.Fill);
            MemoryMarshal.AsBytes(vector.AsSpan()).Fill(x.Fill);
            TickDecoder.DecodeFullOneByOne(x.Packet, ref one[1]);
            TickDecoder.DecodeFullVectorised(x.Packet, ref vector[1]);
            Assert.Equal(one[1], vector[1]);
            Assert.True(MemoryMarshal.AsBytes(one.AsSpan(0, 1)).SequenceEqual(MemoryMarshal.AsBytes(vector.AsSpan(0, 1))), "the slot before was touched");
            Assert.True(MemoryMarshal.AsBytes(one.AsSpan(2, 1)).SequenceEqual(MemoryMarshal.AsBytes(vector.AsSpan(2, 1))), "the slot after was touched");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ArbitraryBytesNeverThrowAndOnlyKnownLengthsDecode()
    {
        var bytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(a => a.Take(600).ToArray());
        Prop.ForAll(Arb.From(bytes), frame =>
        {
            var reader = new PacketReader(frame);
            int packets = 0;
            while (reader.TryRead(out var packet))
            {
                packets++;
                var tick = default(Tick);
                bool ok = TickDecoder.TryDecode(packet, ref tick);
                if (ok != TickPacket.IsKnownLength(packet.Length))
                {
                    return false;
                }
            }

            return packets <= reader.DeclaredCount && reader.DescribeDamage().Length > 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void UnknownPacketsAreSkippedByTheirLengthAndTheRestOfTheFrameDecodes()
    {
        // ltp packet, a 12-byte packet of an unknown kind, then another ltp packet.
        byte[] frame =
        [
            0, 3,
            0, 8, 0, 0x0d, 0x80, 0x01, 0, 0, 0x99, 0x7f,
            0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
            0, 8, 0, 0x0d, 0x80, 0x01, 0, 0, 0x99, 0x80,
        ];
        var reader = new PacketReader(frame);
        var decoded = new List<long>();
        int unknown = 0;
        while (reader.TryRead(out var packet))
        {
            var tick = default(Tick);
            if (TickDecoder.TryDecode(packet, ref tick))
            {
                decoded.Add(tick.LastPrice);
            }
            else
            {
                unknown++;
            }
        }

        Assert.Equal(FrameDamage.None, reader.Damage);
        Assert.Equal([39295L, 39296L], decoded);
        Assert.Equal(1, unknown);
    }

    [Theory]
    [InlineData(new byte[0], FrameDamage.Empty, "empty frame")]
    [InlineData(new byte[] { 0 }, FrameDamage.HeaderTruncated, "shorter than its 2-byte packet count")]
    [InlineData(new byte[] { 0, 2, 0, 8, 0, 0, 0, 1, 0, 0, 0, 2, 0 }, FrameDamage.LengthTruncated, "ends inside the length of packet 2 at byte 12")]
    [InlineData(new byte[] { 0, 1, 0, 44, 0, 0, 0, 1 }, FrameDamage.PacketTruncated, "packet 1 at byte 2 claims more bytes than the 4 left")]
    [InlineData(new byte[] { 0, 0, 9, 9 }, FrameDamage.TrailingBytes, "2 bytes after its 0 declared packets")]
    public void DamageIsNamedWithWhereItIs(byte[] frame, FrameDamage expected, string text)
    {
        var reader = new PacketReader(frame);
        while (reader.TryRead(out _))
        {
        }

        Assert.Equal(expected, reader.Damage);
        Assert.Contains(text, reader.DescribeDamage());
    }
}
