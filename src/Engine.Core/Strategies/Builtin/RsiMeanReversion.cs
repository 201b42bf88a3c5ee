using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Orders;

namespace Engine.Core.Strategies.Builtin;

/// <summary>
/// Mean reversion on RSI: buy when RSI climbs back above the oversold level, sell when it falls
/// back below the overbought level (the turn, not the extreme, so it does not catch a falling
/// knife). Strength grows with how deep the excursion went.
/// </summary>
[Strategy("rsi-mean-reversion", "1.0")]
public sealed class RsiMeanReversion : Strategy
{
    private readonly RsiMeanReversionParameters _p;
    private Rsi[] _rsi = [];
    private Atr[] _atr = [];
    private double[] _extreme = [];
    private bool[] _seen = [];
    private double[] _previous = [];
    private int _leftOversold;
    private int _leftOverbought;

    /// <summary>Creates the strategy.</summary>
    public RsiMeanReversion(RsiMeanReversionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Periods, 2, "periods");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameters.Oversold, "oversold");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(parameters.Overbought, parameters.Oversold, "overbought");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(parameters.Overbought, 100, "overbought");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameters.StopAtr, "stop_atr");
        _p = parameters;
    }

    /// <inheritdoc/>
    public override BarPeriod? BarPeriod => _p.BarPeriod;

    /// <inheritdoc/>
    public override void OnStart(StrategyContext context)
    {
        int n = context.Universe.Count;
        _rsi = Enumerable.Range(0, n).Select(_ => new Rsi(_p.Periods)).ToArray();
        _atr = Enumerable.Range(0, n).Select(_ => new Atr(_p.AtrPeriods)).ToArray();
        _extreme = new double[n];
        _seen = new bool[n];
        _previous = new double[n];
        _leftOversold = context.DefineReason($"RSI({_p.Periods}) rose back above {_p.Oversold}");
        _leftOverbought = context.DefineReason($"RSI({_p.Periods}) fell back below {_p.Overbought}");
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
        var rsi = _rsi[instrument];
        var atr = _atr[instrument];
        rsi.Update(bar.Close);
        atr.Update(bar);
        if (!rsi.IsReady || !atr.IsReady)
        {
            return;
        }

        double now = rsi.Value;
        if (!_seen[instrument])
        {
            _seen[instrument] = true;
            _previous[instrument] = now;
            _extreme[instrument] = now;
            return;
        }

        double before = _previous[instrument];
        _previous[instrument] = now;

        // The extreme of the current excursion (lowest while oversold, highest while overbought).
        _extreme[instrument] = before < _p.Oversold ? Math.Min(_extreme[instrument], before)
            : before > _p.Overbought ? Math.Max(_extreme[instrument], before)
            : now;

        if (before < _p.Oversold && now >= _p.Oversold)
        {
            double depth = (_p.Oversold - _extreme[instrument]) / _p.Oversold;
            context.Emit(instrument, Side.Buy, 0.5 + depth, _leftOversold, bar.Close - (_p.StopAtr * atr.Value));
            _extreme[instrument] = now;
        }
        else if (before > _p.Overbought && now <= _p.Overbought)
        {
            double height = (_extreme[instrument] - _p.Overbought) / (100 - _p.Overbought);
            context.Emit(instrument, Side.Sell, 0.5 + height, _leftOverbought, bar.Close + (_p.StopAtr * atr.Value));
            _extreme[instrument] = now;
        }
    }
}
