using Engine.Core.Bars;
using Engine.Core.Strategies;

namespace Engine.Tests.Strategies;

public sealed class BarsFromTicksTests
{
    private static readonly Engine.Core.Instruments.Instrument Infy = Script.Equity("INFY", 1594);
    private static readonly Engine.Core.Instruments.Instrument Tcs = Script.Equity("TCS", 11536);

    private static (Script Script, BarRecorder Recorder) Start(BarPeriod period, params Engine.Core.Instruments.Instrument[] universe)
    {
        var recorder = new BarRecorder(period);
        return (new Script(new StrategyInstance("bars", recorder, universe.Length == 0 ? [Infy] : universe)), recorder);
    }

    [Fact]
    public void OneMinuteBarsTakeOhlcFromPricesAndVolumeFromTheCumulativeFigure()
    {
        var (script, recorder) = Start(BarPeriod.OneMinute);
        script.Tick(Infy, Script.At(9, 15, 5), 100.00, traded: 500);   // baseline only: the first tick seen
        script.Tick(Infy, Script.At(9, 15, 30), 101.50, traded: 200);
        script.Tick(Infy, Script.At(9, 15, 59), 99.25, traded: 300);
        Assert.Empty(recorder.Bars);                                    // the minute has not ended
        script.Tick(Infy, Script.At(9, 16, 0), 99.50, traded: 50);     // event time reaches 09:16

        var (_, bar) = Assert.Single(recorder.Bars);
        Assert.Equal(Script.At(9, 15), bar.TimeNs);
        Assert.Equal((100.00, 101.50, 99.25, 99.25), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal(500, bar.Volume);
        Assert.Equal([Script.At(9, 16)], recorder.PeriodEnds);
    }

    [Fact]
    public void PeriodsWithoutTicksMakeNoBarsAndBarsCloseByEventTimeNotOnTheirNextTick()
    {
        var (script, recorder) = Start(BarPeriod.OneMinute, Infy, Tcs);
        script.Tick(Infy, Script.At(9, 15, 10), 100);
        script.Tick(Tcs, Script.At(9, 15, 20), 3000);
        script.Tick(Tcs, Script.At(9, 19, 0), 3001);   // closes both 09:15 bars; 09:16-09:18 had no ticks

        Assert.Equal([(0, Script.At(9, 15)), (1, Script.At(9, 15))], recorder.Bars.Select(b => (b.Instrument, b.Bar.TimeNs)));
        Assert.Equal([Script.At(9, 16)], recorder.PeriodEnds);

        script.Time(Script.At(9, 20));   // a timer: TCS's 09:19 bar ends although INFY never ticked again
        Assert.Equal((1, Script.At(9, 19)), (recorder.Bars[^1].Instrument, recorder.Bars[^1].Bar.TimeNs));
    }

    [Theory]
    [InlineData(BarPeriod.ThreeMinutes, 9, 31, 9, 30, 9, 33)]
    [InlineData(BarPeriod.FiveMinutes, 9, 31, 9, 30, 9, 35)]
    [InlineData(BarPeriod.FifteenMinutes, 9, 31, 9, 30, 9, 45)]
    [InlineData(BarPeriod.ThirtyMinutes, 10, 44, 10, 15, 10, 45)]
    [InlineData(BarPeriod.SixtyMinutes, 10, 14, 9, 15, 10, 15)]
    [InlineData(BarPeriod.SixtyMinutes, 15, 20, 15, 15, 15, 30)]
    [InlineData(BarPeriod.Day, 11, 0, 9, 15, 15, 30)]
    public void BarsAlignToTheNineFifteenOpenAndTheCloseCutsTheLast(BarPeriod period, int h, int m, int startH, int startM, int endH, int endM)
    {
        var (script, recorder) = Start(period);
        script.Tick(Infy, Script.At(h, m, 0), 100);
        script.Time(Script.At(endH, endM) - 1);
        Assert.Empty(recorder.Bars);
        script.Time(Script.At(endH, endM));
        Assert.Equal(Script.At(startH, startM), Assert.Single(recorder.Bars).Bar.TimeNs);
        Assert.Equal([Script.At(endH, endM)], recorder.PeriodEnds);
    }

    [Fact]
    public void TicksOutsideTheSessionMakeNoBarsButCountTowardsTheVolumeBaseline()
    {
        var (script, recorder) = Start(BarPeriod.OneMinute);
        script.Tick(Infy, Script.At(9, 8), 99, traded: 1000);     // pre-open
        script.Tick(Infy, Script.At(9, 15, 1), 100, traded: 10);
        script.Tick(Infy, Script.At(15, 29, 59), 105, traded: 20);
        script.Tick(Infy, Script.At(15, 45), 104, traded: 500);    // closing session: not in a bar
        script.Time(Script.At(16, 0));

        Assert.Equal([Script.At(9, 15), Script.At(15, 29)], recorder.Bars.Select(b => b.Bar.TimeNs));
        Assert.Equal([10.0, 20.0], recorder.Bars.Select(b => b.Bar.Volume));
    }

    [Fact]
    public void TheNextDayStartsFreshEvenThoughTheCumulativeVolumeStartsAgain()
    {
        var (script, recorder) = Start(BarPeriod.Day);
        script.Tick(Infy, Script.At(9, 15, 1), 100, traded: 100);
        script.Tick(Infy, Script.At(15, 0), 110, traded: 900);
        var nextDay = Script.Day.AddDays(1);
        var slotTime = Script.At(9, 15, 1, nextDay);
        script.Tick(Infy, slotTime, 111, traded: -1_000 + 40);      // the exchange's day volume restarts at 40
        script.Time(Script.At(15, 30, 0, nextDay));

        Assert.Equal(2, recorder.Bars.Count);
        Assert.Equal((100, 110, 100, 110, 900), (recorder.Bars[0].Bar.Open, recorder.Bars[0].Bar.High, recorder.Bars[0].Bar.Low, recorder.Bars[0].Bar.Close, recorder.Bars[0].Bar.Volume));
        Assert.Equal(40, recorder.Bars[1].Bar.Volume);
    }

    [Fact]
    public void ALateTickCannotReopenAClosedBar()
    {
        var (script, recorder) = Start(BarPeriod.OneMinute);
        script.Tick(Infy, Script.At(9, 15, 10), 100);
        script.Tick(Infy, Script.At(9, 16, 1), 101);
        script.Tick(Infy, Script.At(9, 15, 59), 150);   // stamped earlier than the last: counted in the open bar
        script.Time(Script.At(9, 17));
        Assert.Equal([(100.0, 100.0), (101.0, 150.0)], recorder.Bars.Select(b => (b.Bar.Open, b.Bar.High)));
    }
}
