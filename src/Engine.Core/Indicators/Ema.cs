namespace Engine.Core.Indicators;

/// <summary>
/// Exponential moving average, smoothing 2/(N+1), seeded with the SMA of the first N values (so the
/// first value is at the Nth input), as the reference library and most charting tools do.
/// </summary>
public sealed class Ema : IIndicator
{
    private static readonly string[] s_fields = ["ema"];
    private readonly int _periods;
    private readonly double _k;
    private double _seedSum;
    private int _count;

    /// <summary>Creates EMA(<paramref name="lookbackPeriods"/>).</summary>
    public Ema(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _periods = lookbackPeriods;
        _k = 2.0 / (lookbackPeriods + 1);
    }

    /// <summary>The average; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _count >= _periods;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        if (_count < _periods)
        {
            _seedSum += value;
            if (++_count == _periods)
            {
                Value = _seedSum / _periods;
            }

            return;
        }

        Value += _k * (value - Value);
    }

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = Value;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _seedSum = 0;
        _count = 0;
        Value = 0;
    }
}
