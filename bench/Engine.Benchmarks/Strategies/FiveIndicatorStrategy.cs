using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Core.Strategies;

namespace Engine.Benchmarks.Strategies;

/// <summary>A benchmark strategy reading five indicators (EMA, RSI, ATR, Bollinger, ADX), on bars or on every tick.</summary>
public sealed class FiveIndicatorStrategy(bool onTicks) : Strategy
{
    private Ema[] _ema = [];
    private Rsi[] _rsi = [];
    private Atr[] _atr = [];
    private BollingerBands[] _bands = [];
    private Adx[] _adx = [];
    private double[] _previousClose = [];
    private int _reason;

    /// <inheritdoc/>
    public override BarPeriod? BarPeriod => onTicks ? null : Engine.Core.Bars.BarPeriod.OneMinute;

    /// <inheritdoc/>
    public override bool WantsTicks => onTicks;

    /// <inheritdoc/>
    public override void OnStart(StrategyContext context)
    {
        int n = context.Universe.Count;
        _ema = Enumerable.Range(0, n).Select(_ => new Ema(20)).ToArray();
        _rsi = Enumerable.Range(0, n).Select(_ => new Rsi(14)).ToArray();
        _atr = Enumerable.Range(0, n).Select(_ => new Atr(14)).ToArray();
        _bands = Enumerable.Range(0, n).Select(_ => new BollingerBands(20, 2)).ToArray();
        _adx = Enumerable.Range(0, n).Select(_ => new Adx(14)).ToArray();
        _previousClose = new double[n];
        _reason = context.DefineReason("benchmark rule");
    }

    /// <inheritdoc/>
    public override void OnTick(int instrument, in Tick tick, StrategyContext context)
    {
        double price = (double)tick.LastPrice / tick.PriceDivisor;
        double previous = _previousClose[instrument] == 0 ? price : _previousClose[instrument];
        Evaluate(instrument, new Bar(context.EventTimeNs, previous, Math.Max(previous, price), Math.Min(previous, price), price, 1), context);
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context) => Evaluate(instrument, bar, context);

    private void Evaluate(int instrument, in Bar bar, StrategyContext context)
    {
        _ema[instrument].Update(bar.Close);
        _rsi[instrument].Update(bar.Close);
        _atr[instrument].Update(bar);
        _bands[instrument].Update(bar.Close);
        _adx[instrument].Update(bar);
        _previousClose[instrument] = bar.Close;
        if (_adx[instrument].IsReady && _adx[instrument].Value > 25 && _rsi[instrument].Value < 30 && bar.Close < _bands[instrument].LowerBand && bar.Close > _ema[instrument].Value - _atr[instrument].Value)
        {
            context.Emit(instrument, Side.Buy, 0.5, _reason);
        }
    }
}
