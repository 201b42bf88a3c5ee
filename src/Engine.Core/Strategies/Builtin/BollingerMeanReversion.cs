using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Orders;

namespace Engine.Core.Strategies.Builtin;

/// <summary>
/// Mean reversion on Bollinger Bands: buy when the close comes back inside after closing below the
/// lower band, sell when it comes back inside after closing above the upper band. The stop is one
/// standard deviation beyond the band; strength grows with how far outside the previous close was.
/// </summary>
[Strategy("bollinger-mean-reversion", "1.0")]
public sealed class BollingerMeanReversion : Strategy
{
    private readonly BollingerMeanReversionParameters _p;
    private BollingerBands[] _bands = [];
    private double[] _previousPercentB = [];
    private bool[] _seen = [];
    private int _backAboveLower;
    private int _backBelowUpper;

    /// <summary>Creates the strategy.</summary>
    public BollingerMeanReversion(BollingerMeanReversionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Periods, 2, "periods");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameters.Deviations, "deviations");
        _p = parameters;
    }

    /// <inheritdoc/>
    public override BarPeriod? BarPeriod => _p.BarPeriod;

    /// <inheritdoc/>
    public override void OnStart(StrategyContext context)
    {
        int n = context.Universe.Count;
        _bands = Enumerable.Range(0, n).Select(_ => new BollingerBands(_p.Periods, _p.Deviations)).ToArray();
        _previousPercentB = new double[n];
        _seen = new bool[n];
        _backAboveLower = context.DefineReason($"close back above the lower Bollinger band ({_p.Periods}, {_p.Deviations})");
        _backBelowUpper = context.DefineReason($"close back below the upper Bollinger band ({_p.Periods}, {_p.Deviations})");
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
        var bands = _bands[instrument];
        bands.Update(bar.Close);
        if (!bands.IsReady)
        {
            return;
        }

        double percentB = bands.PercentB;
        double before = _previousPercentB[instrument];
        bool seen = _seen[instrument];
        _seen[instrument] = true;
        _previousPercentB[instrument] = percentB;
        if (!seen)
        {
            return;
        }

        if (before < 0 && percentB >= 0)
        {
            context.Emit(instrument, Side.Buy, 0.5 - before, _backAboveLower, bands.LowerBand - bands.StandardDeviation);
        }
        else if (before > 1 && percentB <= 1)
        {
            context.Emit(instrument, Side.Sell, 0.5 + (before - 1), _backBelowUpper, bands.UpperBand + bands.StandardDeviation);
        }
    }
}
