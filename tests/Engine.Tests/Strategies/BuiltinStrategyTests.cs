using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Strategies;
using Engine.Core.Strategies.Builtin;

namespace Engine.Tests.Strategies;

/// <summary>Each built-in strategy on scripted one-minute price paths emits exactly the intents its rule implies.</summary>
public sealed class BuiltinStrategyTests
{
    private static readonly Instrument Infy = Script.Equity("INFY", 1594);

    /// <summary>Bars of a path of closes: open at the previous close, high and low 0.25 outside.</summary>
    private static List<Bar> PathBars(double[] closes)
    {
        var bars = new List<Bar>();
        for (int i = 0; i < closes.Length; i++)
        {
            double open = i == 0 ? closes[0] : closes[i - 1];
            bars.Add(new Bar(Script.At(9, 15 + i), open, Math.Max(open, closes[i]) + 0.25, Math.Min(open, closes[i]) - 0.25, closes[i], 400));
        }

        return bars;
    }

    private static List<(long TimeNs, SignalIntent Intent)> Run(Strategy strategy, List<Bar> bars)
    {
        var script = new Script(new StrategyInstance("s", strategy, [Infy]));
        foreach (var bar in bars)
        {
            script.Bar(Infy, bar.TimeNs, bar.Open, bar.High, bar.Low, bar.Close);
        }

        script.Time(bars[^1].TimeNs + 60_000_000_000);
        return script.Intents;
    }

    /// <summary>The intent for bar i is emitted when event time reaches that bar's end.</summary>
    private static long EndOf(List<Bar> bars, int i) => bars[i].TimeNs + 60_000_000_000 + (i == bars.Count - 1 ? 0 : 1_000_000_000);

    [Fact]
    public void EmaCrossoverSignalsEachCrossOnceWithAnAtrStop()
    {
        double[] closes = [100, 99, 98, 97, 96, 95, 94, 96, 99, 103, 107, 110, 108, 104, 99, 94, 90, 88];
        var bars = PathBars(closes);
        var intents = Run(new EmaCrossover(new EmaCrossoverParameters { FastPeriods = 3, SlowPeriods = 5, AtrPeriods = 3, StopAtr = 2, BarPeriod = BarPeriod.OneMinute }), bars);

        // Independent expectation from the (reference-checked) indicators.
        var fast = new Ema(3);
        var slow = new Ema(5);
        var atr = new Atr(3);
        var expected = new List<(long, Side, long)>();
        int side = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            fast.Update(bars[i].Close);
            slow.Update(bars[i].Close);
            atr.Update(bars[i]);
            if (!slow.IsReady || !atr.IsReady)
            {
                continue;
            }

            int now = Math.Sign(fast.Value - slow.Value);
            if (side != 0 && now != 0 && now != side)
            {
                double stop = now > 0 ? bars[i].Close - (2 * atr.Value) : bars[i].Close + (2 * atr.Value);
                expected.Add((EndOf(bars, i), now > 0 ? Side.Buy : Side.Sell, (long)Math.Round(stop * 100)));
            }

            side = now == 0 ? side : now;
        }

        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, intents.Select(x => (x.TimeNs, x.Intent.Side, x.Intent.Stop)));
        Assert.All(intents, x => Assert.InRange(x.Intent.Strength, 0, 1));
        Assert.All(intents, x => Assert.Equal(Infy.InstrumentToken, x.Intent.InstrumentToken));
    }

    [Fact]
    public void RsiMeanReversionBuysTheTurnUpFromOversoldAndSellsTheTurnDownFromOverbought()
    {
        double[] closes = [100, 101, 102, 101, 99, 96, 92, 90, 91, 93, 96, 100, 104, 108, 107, 104, 101];
        var bars = PathBars(closes);
        var intents = Run(new RsiMeanReversion(new RsiMeanReversionParameters { Periods = 3, Oversold = 30, Overbought = 70, AtrPeriods = 3, BarPeriod = BarPeriod.OneMinute }), bars);

        var rsi = new Rsi(3);
        var atr = new Atr(3);
        var expected = new List<(long, Side)>();
        double? before = null;
        for (int i = 0; i < bars.Count; i++)
        {
            rsi.Update(bars[i].Close);
            atr.Update(bars[i]);
            if (!rsi.IsReady || !atr.IsReady)
            {
                continue;
            }

            if (before is { } b && b < 30 && rsi.Value >= 30)
            {
                expected.Add((EndOf(bars, i), Side.Buy));
            }
            else if (before is { } a && a > 70 && rsi.Value <= 70)
            {
                expected.Add((EndOf(bars, i), Side.Sell));
            }

            before = rsi.Value;
        }

        Assert.Equal([Side.Buy, Side.Sell], expected.Select(e => e.Item2));
        Assert.Equal(expected, intents.Select(x => (x.TimeNs, x.Intent.Side)));
    }

    [Fact]
    public void BollingerMeanReversionBuysTheCloseBackInsideTheLowerBand()
    {
        double[] closes = [100, 100.5, 100, 100.5, 100, 100.5, 100, 96, 100, 100.5, 100, 104.5, 100.2];
        var bars = PathBars(closes);
        var intents = Run(new BollingerMeanReversion(new BollingerMeanReversionParameters { Periods = 5, Deviations = 1.5, BarPeriod = BarPeriod.OneMinute }), bars);

        var bands = new BollingerBands(5, 1.5);
        var expected = new List<(long, Side)>();
        double? before = null;
        for (int i = 0; i < bars.Count; i++)
        {
            bands.Update(bars[i].Close);
            if (!bands.IsReady)
            {
                continue;
            }

            if (before is { } b && b < 0 && bands.PercentB >= 0)
            {
                expected.Add((EndOf(bars, i), Side.Buy));
            }
            else if (before is { } a && a > 1 && bands.PercentB <= 1)
            {
                expected.Add((EndOf(bars, i), Side.Sell));
            }

            before = bands.PercentB;
        }

        Assert.Equal([Side.Buy, Side.Sell], expected.Select(e => e.Item2));
        Assert.Equal(expected, intents.Select(x => (x.TimeNs, x.Intent.Side)));
    }

    [Fact]
    public void DonchianBreakoutSignalsOncePerBreakout()
    {
        double[] closes = [100, 101, 100.5, 101, 100.5, 104, 106, 107, 106.5, 107, 106.8, 99, 98];
        var bars = PathBars(closes);
        var intents = Run(new DonchianBreakout(new DonchianBreakoutParameters { Periods = 3, AtrPeriods = 3, BarPeriod = BarPeriod.OneMinute }), bars);

        // Bars run from the previous close to the close, 0.25 beyond each end. Bar 5 (104) closes
        // above the previous three highs (101.25): buy. Bars 6 and 7 stay above (no new signal);
        // bars 8-10 sit inside the channel; bar 11 (99) closes below the previous three lows
        // (106.25): sell; bar 12 (98) is still below (no new signal).
        Assert.Equal([(EndOf(bars, 5), Side.Buy), (EndOf(bars, 11), Side.Sell)], intents.Select(x => (x.TimeNs, x.Intent.Side)));
    }

    [Fact]
    public void TheSameEventsAlwaysGiveTheSameIntents()
    {
        double[] closes = [100, 99, 98, 97, 96, 95, 94, 96, 99, 103, 107, 110, 108, 104, 99, 94, 90, 88];
        var first = Run(new EmaCrossover(new EmaCrossoverParameters { FastPeriods = 3, SlowPeriods = 5, AtrPeriods = 3, BarPeriod = BarPeriod.OneMinute }), PathBars(closes));
        var second = Run(new EmaCrossover(new EmaCrossoverParameters { FastPeriods = 3, SlowPeriods = 5, AtrPeriods = 3, BarPeriod = BarPeriod.OneMinute }), PathBars(closes));
        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public void SeveralInstancesRunSideBySideWithTheirOwnParametersAndUniverses()
    {
        var tcs = Script.Equity("TCS", 11536);
        var quick = new EmaCrossover(new EmaCrossoverParameters { FastPeriods = 2, SlowPeriods = 3, AtrPeriods = 2, BarPeriod = BarPeriod.OneMinute });
        var slowOne = new EmaCrossover(new EmaCrossoverParameters { FastPeriods = 3, SlowPeriods = 6, AtrPeriods = 3, BarPeriod = BarPeriod.OneMinute });
        var script = new Script(new StrategyInstance("quick-infy", quick, [Infy]), new StrategyInstance("slow-both", slowOne, [Infy, tcs]));
        double[] closes = [100, 99, 98, 97, 96, 95, 94, 96, 99, 103, 107, 110, 108, 104, 99, 94, 90, 88, 86];
        for (int i = 0; i < closes.Length; i++)
        {
            script.Bar(Infy, Script.At(9, 15 + i), closes[i], closes[i] + 0.3, closes[i] - 0.3, closes[i]);
            script.Bar(tcs, Script.At(9, 15 + i), 3000 - closes[i], 3000 - closes[i] + 0.3, 3000 - closes[i] - 0.3, 3000 - closes[i]);
        }

        script.Time(Script.At(10, 0));
        var byInstance = script.Intents.GroupBy(x => x.Intent.StrategyIndex).ToDictionary(g => g.Key, g => g.Select(x => x.Intent.InstrumentToken).Distinct().ToArray());
        Assert.Equal([Infy.InstrumentToken], byInstance[0]);
        Assert.Equal(new[] { Infy.InstrumentToken, tcs.InstrumentToken }.Order(), byInstance[1].Order());
        Assert.Equal("EMA(2) crossed above EMA(3)", script.Host.Contexts[0].ReasonText(script.Intents.First(x => x.Intent.StrategyIndex == 0 && x.Intent.Side == Side.Buy).Intent.Reason));
    }
}
