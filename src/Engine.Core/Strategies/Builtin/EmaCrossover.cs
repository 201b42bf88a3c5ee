using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Orders;

namespace Engine.Core.Strategies.Builtin;

/// <summary>
/// Trend following: buy when the fast EMA crosses above the slow one, sell when it crosses below.
/// Strength is the gap between the averages in ATRs (capped at 1); the stop sits
/// <see cref="EmaCrossoverParameters.StopAtr"/> ATRs beyond the close. The first bar on which both
/// averages are ready only records which side the fast one is on.
/// </summary>
[Strategy("ema-crossover", "1.0")]
public sealed class EmaCrossover : Strategy
{
    private readonly EmaCrossoverParameters _p;
    private Ema[] _fast = [];
    private Ema[] _slow = [];
    private Atr[] _atr = [];
    private int[] _side = [];
    private int _crossedUp;
    private int _crossedDown;

    /// <summary>Creates the strategy.</summary>
    public EmaCrossover(EmaCrossoverParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.FastPeriods, 1, "fast_periods");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(parameters.SlowPeriods, parameters.FastPeriods, "slow_periods");
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.AtrPeriods, 1, "atr_periods");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameters.StopAtr, "stop_atr");
        _p = parameters;
    }

    /// <inheritdoc/>
    public override BarPeriod? BarPeriod => _p.BarPeriod;

    /// <inheritdoc/>
    public override void OnStart(StrategyContext context)
    {
        int n = context.Universe.Count;
        _fast = Enumerable.Range(0, n).Select(_ => new Ema(_p.FastPeriods)).ToArray();
        _slow = Enumerable.Range(0, n).Select(_ => new Ema(_p.SlowPeriods)).ToArray();
        _atr = Enumerable.Range(0, n).Select(_ => new Atr(_p.AtrPeriods)).ToArray();
        _side = new int[n];
        _crossedUp = context.DefineReason($"EMA({_p.FastPeriods}) crossed above EMA({_p.SlowPeriods})");
        _crossedDown = context.DefineReason($"EMA({_p.FastPeriods}) crossed below EMA({_p.SlowPeriods})");
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
        var fast = _fast[instrument];
        var slow = _slow[instrument];
        var atr = _atr[instrument];
        fast.Update(bar.Close);
        slow.Update(bar.Close);
        atr.Update(bar);
        if (!slow.IsReady || !atr.IsReady)
        {
            return;
        }

        double gap = fast.Value - slow.Value;
        int side = gap > 0 ? 1 : gap < 0 ? -1 : 0;
        int previous = _side[instrument];
        if (side != 0)
        {
            _side[instrument] = side;
        }

        if (previous == 0 || side == 0 || side == previous)
        {
            return;
        }

        double strength = Math.Abs(gap) / Math.Max(atr.Value, double.Epsilon);
        double stop = side > 0 ? bar.Close - (_p.StopAtr * atr.Value) : bar.Close + (_p.StopAtr * atr.Value);
        context.Emit(instrument, side > 0 ? Side.Buy : Side.Sell, strength, side > 0 ? _crossedUp : _crossedDown, stop);
    }
}
