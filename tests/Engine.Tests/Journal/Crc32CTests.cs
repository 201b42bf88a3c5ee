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
}
