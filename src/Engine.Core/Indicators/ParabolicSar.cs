namespace Engine.Core.Indicators;

/// <summary>
/// Wilder's parabolic stop and reverse, started the reference library's way: the first bar is a
/// guess of a rising trend (SAR at its low, extreme point at its high, AF at <c>step</c>). From the
/// second bar: SAR += AF × (EP − SAR), in an uptrend never above the lows of the two bars before
/// (below their highs in a downtrend) once there are two; a new extreme raises AF by <c>step</c> up
/// to <c>max</c>; a low below the SAR (a high above it, in a downtrend) reverses: the SAR jumps to
/// the old extreme point, the extreme becomes this bar's, and AF resets. The first trend rests on
/// the guess, so nothing is valid until the bar after the first reversal.
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
    private int _bars;
    private int _reversals;

    /// <summary>Creates PSAR(<paramref name="accelerationStep"/>, <paramref name="maxAcceleration"/>), usually (0.02, 0.2).</summary>
    public ParabolicSar(double accelerationStep = 0.02, double maxAcceleration = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(accelerationStep);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAcceleration, accelerationStep);
        _step = accelerationStep;
        _max = maxAcceleration;
    }

    /// <summary>The stop level (during the first trend, the guess's).</summary>
    public double Value { get; private set; }

    /// <summary>True while the trend is up.</summary>
    public bool IsRising { get; private set; }

    /// <summary>True on the bar where the trend reversed.</summary>
    public bool IsReversal { get; private set; }

    /// <summary>True from the bar after the first reversal: the first trend is only the guess's.</summary>
    public bool IsReady => _reversals > 1 || (_reversals == 1 && !IsReversal);

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _bars++;
        IsReversal = false;
        if (_bars == 1)
        {
            IsRising = true;
            Value = bar.Low;
            _extreme = bar.High;
            _acceleration = _step;
            Shift(bar);
            return;
        }

        double sar = Value + (_acceleration * (_extreme - Value));
        if (IsRising)
        {
            if (_bars >= 3)
            {
                sar = Math.Min(sar, Math.Min(_low1, _low2));
            }

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
            if (_bars >= 3)
            {
                sar = Math.Max(sar, Math.Max(_high1, _high2));
            }

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
        _reversals = Math.Min(_reversals + 1, 2);
        IsRising = rising;
        Value = _extreme;
        _extreme = rising ? bar.High : bar.Low;
        _acceleration = _step;
    }

    private void Shift(in Bar bar)
    {
        (_high2, _high1) = (_high1, bar.High);
        (_low2, _low1) = (_low1, bar.Low);
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
        _reversals = 0;
        Value = _extreme = _acceleration = 0;
        IsRising = IsReversal = false;
        _high1 = _high2 = _low1 = _low2 = 0;
    }
}
