using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Core.Time;

namespace Engine.Host.Backtests;

/// <summary>
/// The backtest's inputs in market-time order: every instrument's bar ticks and, on each day the
/// data holds, the session timers (pre-open, open, square-off, close) at the calendar's times. A
/// day with bars is a trading day, whatever the holiday list says (the data is the record of what
/// traded). At the same instant a timer comes before ticks, and ticks come in instrument order.
/// </summary>
public sealed class BacktestFeed
{
    private readonly BarTicks[] _sources;
    private readonly (long AtNs, TimerKind Kind)[] _timers;
    private readonly PriorityQueue<int, (long TimeNs, int Source)> _next = new();
    private int _timer;

    /// <summary>The feed over <paramref name="series"/>.</summary>
    public BacktestFeed(IReadOnlyList<BarSeries> series, SessionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(calendar);
        _sources = series.Select(s => new BarTicks(s, calendar)).ToArray();
        var days = series.SelectMany(s => s.Bars).Select(b => DateOnly.FromDateTime(UnixTime.ToIst(b.TimeNs).DateTime)).Distinct().Order().ToArray();
        _timers = days.SelectMany(d => new[]
        {
            (SessionCalendar.At(d, calendar.PreOpen), TimerKind.PreOpen),
            (SessionCalendar.At(d, calendar.Open), TimerKind.Open),
            (SessionCalendar.At(d, calendar.SquareOff), TimerKind.SquareOff),
            (SessionCalendar.At(d, calendar.Close), TimerKind.Close),
        }).ToArray();
        Days = days.Length;
        Bars = series.Sum(s => (long)s.Bars.Count);
        Ticks = Bars * BarTicks.PerBar;
        for (int i = 0; i < _sources.Length; i++)
        {
            if (_sources[i].HasNext)
            {
                _next.Enqueue(i, (_sources[i].NextTimeNs, i + 1));
            }
        }

        if (_timers.Length > 0)
        {
            _next.Enqueue(-1, (_timers[0].AtNs, 0));
        }
    }

    /// <summary>Days with bars.</summary>
    public int Days { get; }

    /// <summary>Bars over every instrument.</summary>
    public long Bars { get; }

    /// <summary>Ticks the bars become.</summary>
    public long Ticks { get; }

    /// <summary>The market time of the first input.</summary>
    public long FirstTimeNs => _next.TryPeek(out _, out var key) ? key.TimeNs : 0;

    /// <summary>
    /// The next input: a timer (<paramref name="timer"/> set, <paramref name="tick"/> untouched) or
    /// a tick (<paramref name="timer"/> is <see cref="TimerKind.None"/>). False when the data is done.
    /// </summary>
    public bool TryNext(ref Tick tick, out long timeNs, out TimerKind timer)
    {
        timer = TimerKind.None;
        if (!_next.TryDequeue(out int source, out var key))
        {
            timeNs = 0;
            return false;
        }

        timeNs = key.TimeNs;
        if (source < 0)
        {
            timer = _timers[_timer++].Kind;
            if (_timer < _timers.Length)
            {
                _next.Enqueue(-1, (_timers[_timer].AtNs, 0));
            }

            return true;
        }

        var ticks = _sources[source];
        ticks.Next(ref tick);
        if (ticks.HasNext)
        {
            _next.Enqueue(source, (ticks.NextTimeNs, source + 1));
        }

        return true;
    }
}
