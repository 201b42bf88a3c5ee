using Engine.Core.Risk;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Risk;

public sealed class TradingDayTests
{
    private static readonly RiskGateOptions Base = new() { Capital = 10_00_000_00, Budgets = RiskHarness.NoBudgets };

    // The trading day an IST wall time belongs to: the date, or the date before until the reset time.
    private static long DayOf(long unixNs, TimeOnly reset)
    {
        var ist = DateTimeOffset.FromUnixTimeMilliseconds(unixNs / 1_000_000).ToOffset(TimeSpan.FromHours(5.5));
        var date = DateOnly.FromDateTime(ist.DateTime);
        if (TimeOnly.FromDateTime(ist.DateTime) < reset)
        {
            date = date.AddDays(-1);
        }

        return date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    }

    [Fact]
    public void TheTradingDayIsTheLatestDayAnyInputFellOnWhicheverWayTimeMoves()
    {
        var gen = from resetMinute in Gen.Choose(0, 24 * 60 - 1)
                  from count in Gen.Choose(1, 40)
                  from steps in Gen.ArrayOf(Gen.Choose(-3 * 24 * 60, 3 * 24 * 60), count)
                  select (resetMinute, steps);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var reset = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(c.resetMinute));
            var h = new RiskHarness(Base with { Loss = new LossLimits { DailyResetTime = reset } });
            long expected = DayOf(h.Now, reset);
            Assert.Equal(expected, h.Context.TradingDay);
            foreach (int minutes in c.steps)
            {
                // Whole minutes plus a few seconds, so that times fall on either side of the reset.
                h.Advance(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(minutes % 7));
                h.Tick(RiskHarness.Infy, 1000);
                long day = DayOf(h.Now, reset);
                expected = Math.Max(expected, day);
                Assert.Equal(expected, h.Context.TradingDay);
            }
        }).QuickCheckThrowOnFailure();
    }
}
