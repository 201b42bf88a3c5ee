using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Orders;
using Engine.Core.Strategies;

namespace Engine.ExampleStrategy;

/// <summary>
/// An example custom strategy: the opening range breakout. The first <c>opening_minutes</c> of
/// one-minute bars form a high-low range each day; the first close beyond it (plus a buffer) that
/// day is a signal. It shows what a strategy may use: bars, its universe, declared reasons, and
/// the event time (never the wall clock).
/// </summary>
[Strategy("opening-range-breakout", "1.0")]
public sealed class OpeningRangeBreakout(OpeningRangeBreakoutParameters parameters) : Strategy
{
    private long[] _day = [];
    private double[] _high = [];
    private double[] _low = [];
    private bool[] _signalled = [];
    private int _up;
    private int _down;

    /// <inheritdoc/>
    public override BarPeriod? BarPeriod => Engine.Core.Bars.BarPeriod.OneMinute;

    /// <inheritdoc/>
    public override void OnStart(StrategyContext context)
    {
        int n = context.Universe.Count;
        _day = new long[n];
        _high = new double[n];
        _low = new double[n];
        _signalled = new bool[n];
        _up = context.DefineReason($"closed above the {parameters.OpeningMinutes}-minute opening range");
        _down = context.DefineReason($"closed below the {parameters.OpeningMinutes}-minute opening range");
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
        long day = Engine.Core.Time.SessionHours.IstDay(bar.TimeNs);
        long open = Engine.Core.Time.SessionHours.Nse.OpenOn(day);
        if (day != _day[instrument])
        {
            _day[instrument] = day;
            _high[instrument] = bar.High;
            _low[instrument] = bar.Low;
            _signalled[instrument] = false;
            return;
        }

        if (bar.TimeNs < open + (parameters.OpeningMinutes * 60_000_000_000L))
        {
            _high[instrument] = Math.Max(_high[instrument], bar.High);
            _low[instrument] = Math.Min(_low[instrument], bar.Low);
            return;
        }

        if (_signalled[instrument])
        {
            return;
        }

        double height = _high[instrument] - _low[instrument];
        double buffer = height * parameters.Buffer;
        if (bar.Close > _high[instrument] + buffer)
        {
            _signalled[instrument] = true;
            context.Emit(instrument, Side.Buy, 1, _up, _low[instrument]);
        }
        else if (bar.Close < _low[instrument] - buffer)
        {
            _signalled[instrument] = true;
            context.Emit(instrument, Side.Sell, 1, _down, _high[instrument]);
        }
    }
}
