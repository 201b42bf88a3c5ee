using System.Text;
using Engine.Journal.Format;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Journal;

public sealed class Crc32CTests
{
    [Theory]
    [InlineData("123456789", 0xE3069283u)]   // the CRC-32C check value (RFC 3720)
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    public void MatchesTheStandardCheckValues(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void AllThirtyTwoZeroBytesGiveTheRfc3720Value() =>
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));

    [Theory]
    [InlineData(0xFF, 0x62A8AB43u)]   // RFC 3720 B.4: 32 bytes of 0xFF
    [InlineData(-1, 0x46DD794Eu)]     // 32 bytes ascending, 0 to 31
    [InlineData(-2, 0x113FDB5Cu)]     // 32 bytes descending, 31 to 0
    public void MatchesTheOtherRfc3720Values(int fill, uint expected)
    {
        var bytes = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            bytes[i] = (byte)(fill switch { -1 => i, -2 => 31 - i, _ => fill });
        }

        Assert.Equal(expected, Crc32C.Compute(bytes));
    }

    [Fact]
    public void AppendGivesTheCrcOfABitAtATime()
    {
        // Lengths around the 8-byte steps, a record's size and longer.
        var length = Gen.Frequency((4, Gen.Choose(0, 300)), (2, Gen.Choose(300, 3_100)), (1, Gen.Choose(3_000, 10_000)));
        var input = from n in length
                    from seed in Gen.Choose(0, int.MaxValue)
                    from state in Gen.Choose(int.MinValue, int.MaxValue)
                    select (Bytes: Bytes(n, seed), State: (uint)state);
        Prop.ForAll(input.ToArbitrary(), x =>
        {
            uint expected = BitwiseAppend(x.State, x.Bytes);
            Assert.Equal(expected, Crc32C.Append(x.State, x.Bytes));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnyLengthUpToTwelveKilobytesMatchesTheBitwiseCrc()
    {
        byte[] bytes = Bytes(4 * 3 * 1024 + 17, 5);
        for (int n = 0; n <= bytes.Length; n += n < 400 ? 1 : 61)
        {
            Assert.Equal(~BitwiseAppend(~0u, bytes.AsSpan(0, n)), Crc32C.Compute(bytes.AsSpan(0, n)));
        }
    }

    [Fact]
    public void AppendingInPiecesEqualsComputingAtOnce()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), Arb.From(Gen.Choose(0, 64)), (bytes, cutSeed) =>
        {
            int cut = bytes.Length == 0 ? 0 : cutSeed % (bytes.Length + 1);
            uint state = Crc32C.Append(~0u, bytes.AsSpan(0, cut));
            state = Crc32C.Append(state, bytes.AsSpan(cut));
            return ~state == Crc32C.Compute(bytes);
        }).QuickCheckThrowOnFailure();
    }

    // The definition, one bit at a time: independent of the CRC instruction.
    private static uint BitwiseAppend(uint state, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            state ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                state = (state >> 1) ^ ((state & 1) != 0 ? 0x82F63B78u : 0);
            }
        }

        return state;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
