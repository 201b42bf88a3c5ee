namespace Engine.Core.Indicators;

/// <summary>
/// Wilder's parabolic stop and reverse. From the second bar: the initial trend is up if the close
/// rose; the SAR starts at the first bar's low (up) or high (down), the extreme point at the
/// second bar's high (up) or low (down). Each bar: SAR += AF x (EP - SAR), never above the last
/// two lows in an uptrend (below the last two highs in a downtrend); a new extreme raises AF by
/// <c>step</c> up to <c>max</c>; a low below the SAR (high above, in a downtrend) reverses: the SAR
/// jumps to the old extreme point and AF resets.
/// </summary>
public sealed class ParabolicSar : IIndicator
{
    private static readonly string[] s_fields = ["sar", "isReversal"];
    private readonly double _step;
    private readonly double _max;
    private double _acceleration;
    private double _extreme;
    private double _high1;
    private double _high2;
    private double _low1;
    private double _low2;
    private double _previousClose;
    private int _bars;

    /// <summary>Creates PSAR(<paramref name="accelerationStep"/>, <paramref name="maxAcceleration"/>), usually (0.02, 0.2).</summary>
    public ParabolicSar(double accelerationStep = 0.02, double maxAcceleration = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(accelerationStep);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAcceleration, accelerationStep);
        _step = accelerationStep;
        _max = maxAcceleration;
    }

    /// <summary>The stop level.</summary>
    public double Value { get; private set; }

    /// <summary>True while the trend is up.</summary>
    public bool IsRising { get; private set; }

    /// <summary>True on the bar where the trend reversed.</summary>
    public bool IsReversal { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _bars >= 2;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _bars++;
        if (_bars == 1)
        {
            Shift(bar);
            return;
        }

        IsReversal = false;
        if (_bars == 2)
        {
            IsRising = bar.Close >= _previousClose;
            Value = IsRising ? _low1 : _high1;
            _extreme = IsRising ? bar.High : bar.Low;
            _acceleration = _step;
            Shift(bar);
            return;
        }

        double sar = Value + (_acceleration * (_extreme - Value));
        if (IsRising)
        {
            sar = Math.Min(sar, _bars > 3 ? Math.Min(_low1, _low2) : _low1);
            if (bar.Low < sar)
            {
                Reverse(bar, rising: false);
            }
            else
            {
                Value = sar;
                if (bar.High > _extreme)
                {
                    _extreme = bar.High;
                    _acceleration = Math.Min(_acceleration + _step, _max);
                }
            }
        }
        else
        {
            sar = Math.Max(sar, _bars > 3 ? Math.Max(_high1, _high2) : _high1);
            if (bar.High > sar)
            {
                Reverse(bar, rising: true);
            }
            else
            {
                Value = sar;
                if (bar.Low < _extreme)
                {
                    _extreme = bar.Low;
                    _acceleration = Math.Min(_acceleration + _step, _max);
                }
            }
        }

        Shift(bar);
    }

    private void Reverse(in Bar bar, bool rising)
    {
        IsReversal = true;
        IsRising = rising;
        Value = _extreme;
        _extreme = rising ? bar.High : bar.Low;
        _acceleration = _step;
    }

    private void Shift(in Bar bar)
    {
        (_high2, _high1) = (_high1, bar.High);
        (_low2, _low1) = (_low1, bar.Low);
        _previousClose = bar.Close;
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = field == 0 ? Value : (IsReversal ? 1 : 0);
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _bars = 0;
        Value = _extreme = _acceleration = 0;
        IsRising = IsReversal = false;
        _high1 = _high2 = _low1 = _low2 = _previousClose = 0;
    }
}
