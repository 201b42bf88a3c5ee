using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Kaufman's adaptive moving average. The efficiency ratio ER = |close - close[ER periods ago]| /
/// sum of |bar-to-bar changes| over those periods sets the smoothing between the fast and slow EMA
/// constants: sc = (ER x (2/(fast+1) - 2/(slow+1)) + 2/(slow+1))^2. The first value (at input ER) is
/// the close itself, as in Kaufman's and the reference library's definition.
/// </summary>
public sealed class Kama : IIndicator
{
    private static readonly string[] s_fields = ["er", "kama"];
    private readonly int _erPeriods;
    private readonly double _fast;
    private readonly double _slow;
    private readonly RollingWindow _closes;
    private readonly RollingSum _volatility;
    private double _previousClose;
    private int _count;

    /// <summary>Creates KAMA(<paramref name="erPeriods"/>, <paramref name="fastPeriods"/>, <paramref name="slowPeriods"/>), usually (10, 2, 30).</summary>
    public Kama(int erPeriods = 10, int fastPeriods = 2, int slowPeriods = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(erPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriods, fastPeriods);
        _erPeriods = erPeriods;
        _fast = 2.0 / (fastPeriods + 1);
        _slow = 2.0 / (slowPeriods + 1);
        _closes = new RollingWindow(erPeriods + 1);
        _volatility = new RollingSum(erPeriods);
    }

    /// <summary>The efficiency ratio, 0 (noise) to 1 (a straight line).</summary>
    public double EfficiencyRatio { get; private set; }

    /// <summary>The average; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _count >= _erPeriods;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double close)
    {
        if (_count > 0)
        {
            _volatility.Add(Math.Abs(close - _previousClose));
        }

        _closes.Add(close, out _);
        _previousClose = close;
        _count++;
        if (_count < _erPeriods)
        {
            return;
        }

        if (_count == _erPeriods)
        {
            Value = close;
            return;
        }

        double change = Math.Abs(close - _closes[_erPeriods]);
        EfficiencyRatio = Math.Clamp(Ratio.Of(change, _volatility.Sum), 0, 1);
        double sc = (EfficiencyRatio * (_fast - _slow)) + _slow;
        Value += sc * sc * (close - Value);
    }

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = field == 0 ? EfficiencyRatio : Value;
        return field == 0 ? _count > _erPeriods : IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _closes.Clear();
        _volatility.Clear();
        _count = 0;
        Value = 0;
        EfficiencyRatio = 0;
        _previousClose = 0;
    }
}
