using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Orders;

namespace Engine.Core.Strategies.Builtin;

/// <summary>
/// Breakout: buy when the close rises above the highest high of the previous N bars, sell when it
/// falls below their lowest low, once per breakout (not again while the close stays beyond the
/// channel). Strength is the distance beyond the channel in ATRs (capped at 1).
/// </summary>
[Strategy("donchian-breakout", "1.0")]
public sealed class DonchianBreakout : Strategy
{
    private readonly DonchianBreakoutParameters _p;
    private Donchian[] _channel = [];
    private Atr[] _atr = [];
    private int[] _state = [];
    private int _brokeUp;
    private int _brokeDown;

    /// <summary>Creates the strategy.</summary>
    public DonchianBreakout(DonchianBreakoutParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Periods, 2, "periods");
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
        _channel = Enumerable.Range(0, n).Select(_ => new Donchian(_p.Periods)).ToArray();
        _atr = Enumerable.Range(0, n).Select(_ => new Atr(_p.AtrPeriods)).ToArray();
        _state = new int[n];
        _brokeUp = context.DefineReason($"close above the {_p.Periods}-bar high");
        _brokeDown = context.DefineReason($"close below the {_p.Periods}-bar low");
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
        var channel = _channel[instrument];
        var atr = _atr[instrument];
        channel.Update(bar);
        atr.Update(bar);
        if (!channel.IsReady || !atr.IsReady)
        {
            return;
        }

        int state = bar.Close > channel.UpperBand ? 1 : bar.Close < channel.LowerBand ? -1 : 0;
        int previous = _state[instrument];
        _state[instrument] = state;
        if (state == 0 || state == previous)
        {
            return;
        }

        double beyond = state > 0 ? bar.Close - channel.UpperBand : channel.LowerBand - bar.Close;
        double stop = state > 0 ? bar.Close - (_p.StopAtr * atr.Value) : bar.Close + (_p.StopAtr * atr.Value);
        context.Emit(instrument, state > 0 ? Side.Buy : Side.Sell, beyond / Math.Max(atr.Value, double.Epsilon), state > 0 ? _brokeUp : _brokeDown, stop);
    }
}
