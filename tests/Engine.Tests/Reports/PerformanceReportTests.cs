using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Time;
using Engine.Host.Reports;
using Engine.Kite.Instruments;

namespace Engine.Tests.Reports;

/// <summary>The report's arithmetic against hand-worked examples: round trips through zero, drawdown and its duration, daily returns into Sharpe and Sortino, and the trade statistics.</summary>
public sealed class PerformanceReportTests
{
    private static readonly Instrument Infy = KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv")).Single(i => i.TradingSymbol == "INFY" && i.Exchange == "NSE");
    private static readonly DateOnly Day = new(2026, 11, 18);

    [Fact]
    public void FillsBecomeRoundTripsFromFlatToFlatAndAFillThroughZeroClosesOneAndOpensTheNext()
    {
        var fills = new[]
        {
            Fill(9, 30, Side.Buy, 10, 100_00, "trend"),
            Fill(9, 40, Side.Buy, 10, 110_00, "trend"),
            Fill(10, 0, Side.Sell, 15, 120_00, "trend"),
            Fill(10, 5, Side.Sell, 5, 90_00, "engine"),      // flat: bought 2,100, sold 2,250 → +150
            Fill(11, 0, Side.Buy, 10, 100_00, "rsi"),
            Fill(11, 30, Side.Sell, 15, 105_00, "rsi"),      // through zero: +50 on 10 long, then 5 short at 105
            Fill(12, 0, Side.Buy, 5, 100_00, "engine"),      // flat: +25
        };
        var trades = PerformanceReport.RoundTrips(History(fills, []));
        Assert.Equal(3, trades.Count);
        Assert.Equal(("long", 20L, 150m, "trend"), (trades[0].Direction, trades[0].Quantity, trades[0].GrossPnl, trades[0].Strategy));
        Assert.Equal(105m, trades[0].EntryPrice);     // 2,100 / 20
        Assert.Equal(112.5m, trades[0].ExitPrice);    // 2,250 / 20
        Assert.Equal(("long", 10L, 50m, "rsi"), (trades[1].Direction, trades[1].Quantity, trades[1].GrossPnl, trades[1].Strategy));
        Assert.Equal(("short", 5L, 25m, "rsi"), (trades[2].Direction, trades[2].Quantity, trades[2].GrossPnl, trades[2].Strategy));
        Assert.Equal((105m, 100m), (trades[2].EntryPrice, trades[2].ExitPrice));
        Assert.All(trades, t => Assert.True(t.Charges > 0 && t.NetPnl == t.GrossPnl - t.Charges));
        Assert.Equal(35 * 60, trades[0].HeldSeconds);   // 09:30 to 10:05
    }

    [Fact]
    public void DrawdownIsTheLargestFallFromAHighAndItsDurationTheLongestTimeBelowOne()
    {
        // 100 → 110 → 99 → 105 → 111: the fall from 110 to 99 is 10%; below 110 from 10:00 to 13:00.
        var equity = new[] { Point(9, 0, 100m), Point(10, 0, 110m), Point(11, 0, 99m), Point(12, 0, 105m), Point(13, 0, 111m) };
        var report = PerformanceReport.Of(History([], equity, capital: 100_00));
        Assert.Equal(0.10, report.MaxDrawdown, 12);
        Assert.Equal(3 * 3600, report.MaxDrawdownSeconds);
        Assert.Equal(0.11, report.TotalReturn, 12);
        Assert.Equal(111m, report.FinalEquity);
        Assert.Null(report.Sharpe);   // one trading day
    }

    [Fact]
    public void DailyReturnsGiveSharpeAndSortinoAnnualisedByRootTwoFiftyTwo()
    {
        // Closes 101, 99.99, 102.009798 on capital 100: daily returns +1%, -1%, +2.02%.
        var equity = new[] { Point(15, 30, 101m, 0), Point(15, 30, 99.99m, 1), Point(15, 30, 102.009798m, 2) };
        var report = PerformanceReport.Of(History([], equity, capital: 100_00), riskFreeRate: 0.0252);
        double[] r = [0.01, -0.01, 0.0202];
        double rf = 0.0252 / 252;                                   // 0.0001 a day
        double mean = (0.01 - 0.01 + 0.0202) / 3 - rf;              // 0.0066333…
        double sd = Math.Sqrt(r.Sum(x => Math.Pow(x - 0.0202 / 3, 2)) / 2);
        double downside = Math.Sqrt(Math.Pow(-0.01 - rf, 2) / 3);   // only the -1% day is below the rate
        Assert.Equal(3, report.TradingDays);
        Assert.Equal(mean / sd * Math.Sqrt(252), report.Sharpe!.Value, 9);
        Assert.Equal(mean / downside * Math.Sqrt(252), report.Sortino!.Value, 9);
        Assert.Equal(Math.Pow(1.02009798, 252.0 / 3) - 1, report.AnnualisedReturn, 9);
    }

    [Fact]
    public void TradeStatisticsAndBreakdownsSumTheRoundTrips()
    {
        var fills = new[]
        {
            Fill(9, 30, Side.Buy, 10, 100_00, "a"), Fill(9, 45, Side.Sell, 10, 110_00, "a"),
            Fill(10, 0, Side.Buy, 10, 100_00, "a"), Fill(10, 30, Side.Sell, 10, 95_00, "a"),
            Fill(11, 0, Side.Sell, 10, 100_00, "b"), Fill(12, 0, Side.Buy, 10, 90_00, "b"),
        };
        var report = PerformanceReport.Of(History(fills, []));
        Assert.Equal(3, report.TradeCount);
        Assert.Equal(2.0 / 3, report.WinRate, 12);
        decimal wins = report.Trades.Where(t => t.NetPnl > 0).Sum(t => t.NetPnl);
        decimal losses = -report.Trades.Where(t => t.NetPnl < 0).Sum(t => t.NetPnl);
        Assert.Equal((double)(wins / losses), report.ProfitFactor!.Value, 12);
        Assert.Equal(report.Trades.Average(t => t.NetPnl), report.Expectancy);
        Assert.Equal(["a", "b"], report.ByStrategy.Select(b => b.Name));
        Assert.Equal((2, 1), (report.ByStrategy[0].Trades, report.ByStrategy[1].Trades));
        Assert.Equal(report.Trades.Sum(t => t.NetPnl), report.ByStrategy.Sum(b => b.NetPnl));

        // Open 09:30-09:45, 10:00-10:30 and 11:00-12:00 of 09:30-12:00: 105 of 150 minutes.
        Assert.Equal(105.0 / 150, report.Exposure, 9);
        Assert.Equal((double)((1000 + 1100 + 1000 + 950 + 1000 + 900) / 10_00_000m), report.Turnover, 12);
    }

    private static JournalHistory History(ReportFill[] fills, EquityPoint[] equity, long capital = 10_00_000_00) =>
        JournalHistory.Of("test", fills, equity, new Dictionary<uint, Instrument> { [Infy.InstrumentToken] = Infy }, capital);

    private static ReportFill Fill(int hour, int minute, Side side, long quantity, long price, string strategy) =>
        new(SessionCalendar.At(Day, new TimeOnly(hour, minute)), Infy.InstrumentToken, Product.Mis, side, quantity, price, 0, hour * 100 + minute, strategy);

    private static EquityPoint Point(int hour, int minute, decimal equity, int dayOffset = 0) =>
        new(SessionCalendar.At(Day.AddDays(dayOffset), new TimeOnly(hour, minute)), equity);
}
