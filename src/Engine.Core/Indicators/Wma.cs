using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Linearly weighted moving average: the newest of N values weighs N, the oldest 1. O(1): the
/// weighted sum moves by N times the new value minus the plain sum of the previous window, and
/// both sums are recomputed exactly every N updates against drift.
/// </summary>
public sealed class Wma : IIndicator
{
    private static readonly string[] s_fields = ["wma"];
    private readonly int _periods;
    private readonly RollingWindow _window;
    private readonly double _divisor;
    private double _sum;
    private double _weighted;
    private int _sinceExact;

    /// <summary>Creates WMA(<paramref name="lookbackPeriods"/>).</summary>
    public Wma(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _periods = lookbackPeriods;
        _window = new RollingWindow(lookbackPeriods);
        _divisor = lookbackPeriods * (lookbackPeriods + 1) / 2.0;
    }

    /// <summary>The average; valid when <see cref="IsReady"/>.</summary>
    public double Value => _weighted / _divisor;

    /// <inheritdoc/>
    public bool IsReady => _window.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        bool wasFull = _window.IsFull;
        double previousSum = _sum;
        _window.Add(value, out double evicted);
        if (!_window.IsFull)
        {
            _sum += value;
            return;
        }

        if (!wasFull || ++_sinceExact >= _periods)
        {
            _sinceExact = 0;
            Recompute();
            return;
        }

        _weighted += (_periods * value) - previousSum;
        _sum = previousSum + value - evicted;
    }

    private void Recompute()
    {
        _sum = 0;
        _weighted = 0;
        for (int back = 0; back < _periods; back++)
        {
            double v = _window[back];
            _sum += v;
            _weighted += (_periods - back) * v;
        }
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
        _window.Clear();
        _sum = 0;
        _weighted = 0;
        _sinceExact = 0;
    }
}
