namespace Engine.Core.Indicators;

/// <summary>
/// SuperTrend: bands at the bar's midpoint plus and minus <c>multiplier</c> x ATR(N). The upper band
/// only falls and the lower only rises, unless the previous close broke through them. The trend
/// turns bearish when the close falls to or below the lower band (bullish) or stays at or below
/// the upper band (bearish); the SuperTrend line is the lower band in an uptrend and the upper band
/// in a downtrend. The upper band is published only while bearish, the lower only while bullish.
/// From bar N+1, with the initial trend bullish if the close is at or above the midpoint.
/// </summary>
public sealed class SuperTrend : IIndicator
{
    private static readonly string[] s_fields = ["superTrend", "upperBand", "lowerBand"];
    private readonly Atr _atr;
    private readonly double _multiplier;
    private double _upper;
    private double _lower;
    private double _previousClose;
    private bool _started;

    /// <summary>Creates SuperTrend(<paramref name="lookbackPeriods"/>, <paramref name="multiplier"/>), usually (10, 3).</summary>
    public SuperTrend(int lookbackPeriods = 10, double multiplier = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        _atr = new Atr(lookbackPeriods);
        _multiplier = multiplier;
    }

    /// <summary>True while the trend is up.</summary>
    public bool IsBullish { get; private set; }

    /// <summary>The SuperTrend line: support in an uptrend, resistance in a downtrend.</summary>
    public double Value => IsBullish ? _lower : _upper;

    /// <summary>The upper band.</summary>
    public double UpperBand => _upper;

    /// <summary>The lower band.</summary>
    public double LowerBand => _lower;

    /// <inheritdoc/>
    public bool IsReady => _started;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _atr.Update(bar);
        if (!_atr.IsReady)
        {
            _previousClose = bar.Close;
            return;
        }

        double mid = bar.MidPrice;
        double upper = mid + (_multiplier * _atr.Value);
        double lower = mid - (_multiplier * _atr.Value);
        if (!_started)
        {
            _started = true;
            IsBullish = bar.Close >= mid;
            _upper = upper;
            _lower = lower;
        }
        else
        {
            if (upper < _upper || _previousClose > _upper)
            {
                _upper = upper;
            }

            if (lower > _lower || _previousClose < _lower)
            {
                _lower = lower;
            }
        }

        IsBullish = bar.Close > (IsBullish ? _lower : _upper);
        _previousClose = bar.Close;
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        (value, bool ready) = field switch
        {
            0 => (Value, IsReady),
            1 => (_upper, IsReady && !IsBullish),
            _ => (_lower, IsReady && IsBullish),
        };
        return ready;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _atr.Reset();
        _started = false;
        IsBullish = false;
        _upper = _lower = _previousClose = 0;
    }
}
