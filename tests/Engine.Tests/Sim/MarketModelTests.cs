using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Kite.Instruments;
using Engine.Sim.Market;

namespace Engine.Tests.Sim;

public sealed class MarketModelTests
{
    private static readonly IReadOnlyList<Instrument> Instruments = KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"));

    private static Tick[] Generate(ulong seed, int count, double rate = 10)
    {
        using var tape = new MarketTape(Instruments.Select(i => new InstrumentModel(i, seed, rate)).ToArray(), rate, new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330)), 1 << 14);
        tape.GenerateNow(count);
        var ticks = new Tick[count];
        for (int i = 0; i < count; i++)
        {
            Assert.True(tape.TryRead(i, out ticks[i]));
        }

        return ticks;
    }

    [Fact]
    public void TheSameSeedGivesTheSameTicksAndAnotherSeedDoesNot()
    {
        var a = Generate(7, 5000);
        var b = Generate(7, 5000);
        var c = Generate(8, 5000);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(t => t.LastPrice), c.Select(t => t.LastPrice));
    }

    [Fact]
    public void PricesStayOnTheTickGridInsideTheCircuitAndTheBookIsOrdered()
    {
        var models = Instruments.Select(i => new InstrumentModel(i, 3, 50)).ToArray();
        var tick = default(Tick);
        foreach (var model in models)
        {
            long tickSize = Math.Max(1, model.Instrument.TickSizeUnits);
            long previousVolume = 0;
            for (int k = 0; k < 4000; k++)
            {
                model.Step(1_700_000_000 + k, ref tick);
                Assert.Equal(0, tick.LastPrice % tickSize);
                Assert.InRange(tick.LastPrice, model.LowerCircuit, model.UpperCircuit);
                Assert.True(tick.Low <= tick.LastPrice && tick.LastPrice <= tick.High);
                if (tick.IsIndex)
                {
                    Assert.Equal(tick.LastPrice - tick.Close, tick.IndexChange);
                    continue;
                }

                Assert.True(tick.VolumeTraded > previousVolume);
                previousVolume = tick.VolumeTraded;
                Assert.True(tick.Bids[0].Price <= tick.LastPrice && tick.LastPrice <= tick.Asks[0].Price);
                for (int level = 1; level < DepthSide.Levels; level++)
                {
                    Assert.True(tick.Bids[level].Price == tick.Bids[level - 1].Price - tickSize || tick.Bids[level].Price == tickSize);
                    Assert.Equal(tick.Asks[level - 1].Price + tickSize, tick.Asks[level].Price);
                }
            }
        }
    }

    [Fact]
    public void TheBookChangesALevelOrTwoBetweenTicksUnlessThePriceMoves()
    {
        var model = new InstrumentModel(Instruments.Single(i => i.TradingSymbol == "RELIANCE"), 5, 100);
        var previous = default(Tick);
        var tick = default(Tick);
        model.Step(0, ref previous);
        int quiet = 0;
        for (int k = 1; k < 5000; k++)
        {
            model.Step(k, ref tick);
            if (tick.LastPrice == previous.LastPrice)
            {
                quiet++;
                int changed = 0;
                for (int level = 0; level < DepthSide.Levels; level++)
                {
                    changed += tick.Bids[level] != previous.Bids[level] ? 1 : 0;
                    changed += tick.Asks[level] != previous.Asks[level] ? 1 : 0;
                }

                Assert.InRange(changed, 0, 2);
            }

            previous = tick;
        }

        Assert.True(quiet > 1000, $"only {quiet} ticks without a price move");
    }

    [Fact]
    public void IntradayVolatilityIsRealistic()
    {
        // Over a whole simulated session the day's range should be around a few percent, not zero and not wild.
        const double rate = 5;
        var model = new InstrumentModel(Instruments.Single(i => i.TradingSymbol == "INFY"), 11, rate);
        var tick = default(Tick);
        for (int k = 0; k < 22_500 * rate; k++)
        {
            model.Step(k, ref tick);
        }

        double range = (tick.High - tick.Low) / (double)tick.Close;
        Assert.InRange(range, 0.003, 0.08);
    }

    [Fact]
    public void TimestampsFollowTheTicksNotTheWallClock()
    {
        var ticks = Generate(1, Instruments.Count * 25, rate: 10);
        long start = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330)).ToUnixTimeSeconds();
        Assert.Equal(start, ticks[0].ExchangeTimestamp);
        Assert.Equal(start + 2, ticks[^1].ExchangeTimestamp);   // the 25th round at 10 ticks/s is 2.4 s in
    }
}
