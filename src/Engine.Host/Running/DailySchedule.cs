using Engine.Core.Time;

namespace Engine.Host.Running;

/// <summary>
/// The daemon's day: one run per day from <see cref="Start"/> to <see cref="Stop"/> (IST), on the
/// session calendar's trading days (or every day, for a simulator), idle in between.
/// </summary>
/// <param name="Start">When the day's run starts, IST (before the pre-open, to subscribe and reconcile).</param>
/// <param name="Stop">When it stops, IST (after the close).</param>
/// <param name="TradingDaysOnly">False: every day of the week.</param>
public sealed record DailySchedule(TimeOnly Start, TimeOnly Stop, bool TradingDaysOnly = true)
{
    /// <summary>The next window whose stop is after <paramref name="nowNs"/> (Unix ns): today's if it has not ended, else the next qualifying day's. A window already begun starts now.</summary>
    public (DateOnly Day, long StartNs, long StopNs) Next(long nowNs, SessionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = DateOnly.FromDateTime(UnixTime.ToIst(nowNs).DateTime);
        for (int i = 0; i < 400; i++, day = day.AddDays(1))
        {
            if (TradingDaysOnly && !calendar.IsTradingDay(day))
            {
                continue;
            }

            long start = SessionCalendar.At(day, Start);
            long stop = SessionCalendar.At(day, Stop);
            if (stop > nowNs)
            {
                return (day, Math.Max(start, nowNs), stop);
            }
        }

        throw new InvalidOperationException("the session calendar has no trading day in the next 400 days");
    }
}
