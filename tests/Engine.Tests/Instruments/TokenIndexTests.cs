using Engine.Core.Instruments;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Instruments;

/// <summary>
/// The token index against a dictionary that numbers tokens in the order they were first added:
/// random runs of adds, look-ups and clears, over tokens that share their low byte (as Kite's do,
/// by segment) and tokens near the ends of the range, from a capacity that must grow several times.
/// </summary>
public sealed class TokenIndexTests
{
    private enum Op
    {
        Add,
        Look,
        Clear,
    }

    [Fact]
    public void EveryTokenGetsTheIndexOfTheOrderItWasFirstAddedIn()
    {
        var kiteLike = Gen.Choose(0, 4_000).Select(n => ((uint)n << 8) | 1u);
        var anywhere = Gen.Elements(0u, 1u, 256u, uint.MaxValue, uint.MaxValue - 255, 0x8000_0000u);
        var token = Gen.Frequency((6, kiteLike), (1, anywhere), (2, Gen.Choose(0, 300).Select(n => (uint)n)));
        var op = Gen.Frequency((12, Gen.Constant(Op.Add)), (12, Gen.Constant(Op.Look)), (1, Gen.Constant(Op.Clear)));
        var step = from o in op from t in token select (Op: o, Token: t);
        Prop.ForAll(Gen.ListOf(step).Select(l => l.ToArray()).ToArbitrary(), Gen.Choose(0, 8).ToArbitrary(), (steps, capacity) =>
        {
            var index = new TokenIndex(capacity);
            var model = new Dictionary<uint, int>();
            var order = new List<uint>();
            foreach (var (o, t) in steps)
            {
                switch (o)
                {
                    case Op.Add:
                        bool isNew = !model.ContainsKey(t);
                        if (isNew)
                        {
                            model[t] = order.Count;
                            order.Add(t);
                        }

                        Assert.Equal(model[t], index.GetOrAdd(t, out bool added));
                        Assert.Equal(isNew, added);
                        break;
                    case Op.Look:
                        Assert.Equal(model.TryGetValue(t, out int i) ? i : -1, index.IndexOf(t));
                        break;
                    default:
                        index.Clear();
                        model.Clear();
                        order.Clear();
                        break;
                }

                Assert.Equal(order.Count, index.Count);
            }

            for (int i = 0; i < order.Count; i++)
            {
                Assert.Equal(order[i], index.TokenAt(i));
                Assert.Equal(i, index.IndexOf(order[i]));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ThousandsOfTokensOfOneSegmentAllStayFindable()
    {
        var index = new TokenIndex();
        for (uint n = 0; n < 20_000; n++)
        {
            Assert.Equal((int)n, index.GetOrAdd((n << 8) | 3u));
        }

        for (uint n = 0; n < 20_000; n++)
        {
            Assert.Equal((int)n, index.IndexOf((n << 8) | 3u));
            Assert.Equal(-1, index.IndexOf((n << 8) | 4u));
        }
    }

    [Fact]
    public void AnIndexNeverGivenIsRefused()
    {
        var index = new TokenIndex();
        index.GetOrAdd(408065);
        Assert.Equal(408065u, index.TokenAt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.TokenAt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.TokenAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenIndex(-1));
    }
}
