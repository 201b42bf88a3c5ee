using Engine.Core.Events;

namespace Engine.Core.Time;

/// <summary>
/// The exchange's trading days and session timers in IST: pre-open, open, square-off and close,
/// weekends and a holiday list. Used to schedule timer events (by the market clock at the edge) and
/// to know the phase at a given market time.
/// </summary>
public sealed class SessionCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates a calendar.</summary>
    public SessionCalendar(TimeOnly preOpen, TimeOnly open, TimeOnly squareOff, TimeOnly close, IEnumerable<DateOnly> holidays)
    {
        if (!(preOpen <= open && open < squareOff && squareOff <= close))
        {
            throw new ArgumentException($"Session times must run pre-open <= open < square-off <= close; got {preOpen:HH:mm}, {open:HH:mm}, {squareOff:HH:mm}, {close:HH:mm}.");
        }

        PreOpen = preOpen;
        Open = open;
        SquareOff = squareOff;
        Close = close;
        _holidays = [.. holidays];
    }

    /// <summary>NSE's times (square-off at 15:20, Zerodha's MIS auto square-off) and no holidays.</summary>
    public static SessionCalendar Nse { get; } = new(new TimeOnly(9, 0), new TimeOnly(9, 15), new TimeOnly(15, 20), new TimeOnly(15, 30), []);

    /// <summary>Pre-open start.</summary>
    public TimeOnly PreOpen { get; }

    /// <summary>Normal market open.</summary>
    public TimeOnly Open { get; }

    /// <summary>Square-off time (no new entries after it).</summary>
    public TimeOnly SquareOff { get; }

    /// <summary>Normal market close.</summary>
    public TimeOnly Close { get; }

    /// <summary>The holidays.</summary>
    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    /// <summary>The session hours for bars.</summary>
    public SessionHours Hours => new(Open, Close);

    /// <summary>True on weekdays that are not holidays.</summary>
    public bool IsTradingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The phase at market time <paramref name="unixNs"/>: which timer last fired.</summary>
    public TimerKind PhaseAt(long unixNs)
    {
        var (day, time) = Split(unixNs);
        if (!IsTradingDay(day))
        {
            return TimerKind.Closed;
        }

        return time >= Close ? TimerKind.Close
            : time >= SquareOff ? TimerKind.SquareOff
            : time >= Open ? TimerKind.Open
            : time >= PreOpen ? TimerKind.PreOpen
            : TimerKind.Closed;
    }

    /// <summary>The next timer strictly after <paramref name="unixNs"/> (skipping weekends and holidays), and when it fires.</summary>
    public (TimerKind Kind, long AtNs) Next(long unixNs)
    {
        var (day, _) = Split(unixNs);
        for (int d = 0; d < 370; d++)
        {
            var date = day.AddDays(d);
            if (!IsTradingDay(date))
            {
                continue;
            }

            foreach (var (kind, time) in new[] { (TimerKind.PreOpen, PreOpen), (TimerKind.Open, Open), (TimerKind.SquareOff, SquareOff), (TimerKind.Close, Close) })
            {
                long at = At(date, time);
                if (at > unixNs)
                {
                    return (kind, at);
                }
            }
        }

        throw new InvalidOperationException("No trading day within a year: check the holiday list.");
    }

    /// <summary>Unix ns of an IST date and time.</summary>
    public static long At(DateOnly day, TimeOnly time) =>
        (new DateTimeOffset(day, time, UnixTime.IstOffset).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private static (DateOnly Day, TimeOnly Time) Split(long unixNs)
    {
        var ist = DateTimeOffset.FromUnixTimeMilliseconds(Math.DivRem(unixNs, 1_000_000, out _)).ToOffset(UnixTime.IstOffset);
        return (DateOnly.FromDateTime(ist.DateTime), TimeOnly.FromDateTime(ist.DateTime));
    }
}
