using Engine.Core.Bars;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Strategies;
using Engine.Core.Strategies.Builtin;

namespace Engine.Tests.Strategies;

public sealed class MomentumSelectionTests
{
    private static readonly Instrument A = Script.Equity("ALPHA", 1);
    private static readonly Instrument B = Script.Equity("BETA", 2);
    private static readonly Instrument C = Script.Equity("FLAT", 3);
    private static readonly Instrument D = Script.Equity("FALLING", 4);
    private static readonly Instrument E = Script.Equity("EXCLUDED", 5);
    private static readonly Instrument F = Script.Equity("ILLIQUID", 6);

    private static MomentumSelectionParameters Parameters() => new()
    {
        BarPeriod = BarPeriod.Day,
        RocPeriods = 3,
        AdxPeriods = 3,
        MinAdx = 10,
        TurnoverPeriods = 3,
        MinAverageTurnover = 1_000_000,
        AtrPeriods = 3,
        TopN = 2,
        RebalanceEvery = 2,
        Excluded = ["EXCLUDED"],
    };

    /// <summary>Runs daily paths: day bar i is built from four ticks; each day ends with the 15:30 close.</summary>
    private static Script RunDays(MomentumSelection strategy, Func<Instrument, int, (double Close, long Volume)> day, int days)
    {
        var universe = new[] { A, B, C, D, E, F };
        var script = new Script(new StrategyInstance("momentum", strategy, universe));
        var previous = universe.ToDictionary(i => i, i => 100.0);
        for (int d = 0; d < days; d++)
        {
            var date = Script.Day.AddDays(d);
            foreach (var instrument in universe)
            {
                var (close, volume) = day(instrument, d);
                double open = previous[instrument];
                script.Tick(instrument, Script.At(9, 30, 0, date), open, volume / 4);
                script.Tick(instrument, Script.At(11, 0, 0, date), Math.Max(open, close) + 0.1, volume / 4);
                script.Tick(instrument, Script.At(13, 0, 0, date), Math.Min(open, close) - 0.1, volume / 4);
                script.Tick(instrument, Script.At(15, 0, 0, date), close, volume / 4);
                previous[instrument] = close;
            }

            script.Time(Script.At(15, 30, 0, date));
        }

        return script;
    }

    private static (double, long) Trends(Instrument i, int d, bool betaFalls = false) => i.TradingSymbol switch
    {
        "ALPHA" => (100 * Math.Pow(1.03, d + 1), 100_000),
        "BETA" => betaFalls && d >= 7 ? (100 * Math.Pow(1.02, 7) * Math.Pow(0.9, d - 6), 100_000) : (100 * Math.Pow(1.02, d + 1), 100_000),
        "FLAT" => (100 + (d % 2 == 0 ? 0.2 : -0.2), 100_000),
        "FALLING" => (100 * Math.Pow(0.98, d + 1), 100_000),
        "EXCLUDED" => (100 * Math.Pow(1.06, d + 1), 100_000),
        _ => (100 * Math.Pow(1.05, d + 1), 8),
    };

    [Fact]
    public void HoldsTheTopNameByVolatilityAdjustedMomentumSkippingExcludedAndIlliquidOnes()
    {
        var strategy = new MomentumSelection(Parameters());
        var script = RunDays(strategy, (i, d) => Trends(i, d), days: 8);

        // Indicators are ready from the 6th day bar (ADX needs 2 x 3); rebalances happen after
        // every second day, so the first with eligible names is after day 6.
        var entries = script.Intents.Where(x => x.Intent.Side == Side.Buy).ToList();
        Assert.Equal([A.InstrumentToken, B.InstrumentToken], entries.Select(x => x.Intent.InstrumentToken));
        Assert.All(entries, x => Assert.Equal(Script.At(15, 30, 0, Script.Day.AddDays(5)), x.TimeNs));
        Assert.Equal(1.0, entries[0].Intent.Strength);   // the best score is the yardstick
        Assert.True(entries[1].Intent.Strength < 1);
        Assert.DoesNotContain(script.Intents, x => x.Intent.InstrumentToken is var t && (t == E.InstrumentToken || t == F.InstrumentToken || t == C.InstrumentToken || t == D.InstrumentToken));
        Assert.DoesNotContain(script.Intents, x => x.Intent.Side == Side.Sell);
        Assert.True(strategy.IsHeld(0) && strategy.IsHeld(1));
    }

    [Fact]
    public void ANameThatDropsOutGetsAnExitAtTheNextRebalance()
    {
        var strategy = new MomentumSelection(Parameters());
        var script = RunDays(strategy, (i, d) => Trends(i, d, betaFalls: true), days: 10);

        var exits = script.Intents.Where(x => x.Intent.Side == Side.Sell).ToList();
        var exit = Assert.Single(exits);
        Assert.Equal(B.InstrumentToken, exit.Intent.InstrumentToken);
        Assert.True(exit.Intent.IsExit);
        Assert.Equal("dropped out of the top 2", script.Host.Contexts[0].ReasonText(exit.Intent.Reason));
        Assert.True(strategy.IsHeld(0));
        Assert.False(strategy.IsHeld(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void TopNIsLimitedSoARebalanceFitsInOneEvent(int topN)
    {
        var p = Parameters();
        p.TopN = topN;
        Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumSelection(p));
    }
}
