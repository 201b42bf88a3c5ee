using Engine.Core.Bars;
using Engine.Core.Strategies;
using Engine.Core.Strategies.Builtin;

namespace Engine.Tests.Strategies;

public sealed class StrategyAllocationTests
{
    [Fact]
    public void TicksThroughBarsIndicatorsAndEveryBuiltInStrategyAllocateNothing()
    {
        var universe = Enumerable.Range(0, 10).Select(i => Script.Equity($"S{i}", (uint)(100 + i))).ToArray();
        var script = new Script(
            new StrategyInstance("ema", new EmaCrossover(new EmaCrossoverParameters { FastPeriods = 3, SlowPeriods = 8, BarPeriod = BarPeriod.OneMinute }), universe),
            new StrategyInstance("rsi", new RsiMeanReversion(new RsiMeanReversionParameters { Periods = 5, BarPeriod = BarPeriod.OneMinute }), universe),
            new StrategyInstance("bb", new BollingerMeanReversion(new BollingerMeanReversionParameters { Periods = 10, BarPeriod = BarPeriod.ThreeMinutes }), universe),
            new StrategyInstance("donchian", new DonchianBreakout(new DonchianBreakoutParameters { Periods = 5, BarPeriod = BarPeriod.OneMinute }), universe),
            new StrategyInstance("momentum", new MomentumSelection(new MomentumSelectionParameters { BarPeriod = BarPeriod.FiveMinutes, RocPeriods = 3, AdxPeriods = 3, TurnoverPeriods = 3, AtrPeriods = 3, MinAdx = 0, MinAverageTurnover = 0, TopN = 3, RebalanceEvery = 1 }), universe));

        // Prices that trend and turn, so bars close, indicators warm up and intents are emitted.
        var random = new Engine.Core.Determinism.SeededRandom(7);
        var prices = universe.Select(_ => 100.0).ToArray();
        long time = Script.At(9, 15);
        void Run(int ticks)
        {
            for (int t = 0; t < ticks; t++)
            {
                int i = t % universe.Length;
                prices[i] *= 1 + (0.002 * random.NextNormal()) + (0.0005 * Math.Sin(t / 500.0));
                time += 1_000_000_000;
                script.Tick(universe[i], time, Math.Round(prices[i], 2));
            }
        }

        Run(20_000);
        int intentsBefore = script.Intents.Count;
        script.Intents.Capacity = script.Intents.Count + 400_000;
        var (fewest, rounds) = SteadyStateAllocation.Measure(() => Run(20_000));

        Assert.True(script.Intents.Count > intentsBefore, "the measured ticks should produce intents");
        Assert.True(fewest == 0, rounds);
    }
}
