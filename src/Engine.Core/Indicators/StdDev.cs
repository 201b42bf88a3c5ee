using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>Population standard deviation of the last N values, with their mean and the latest value's z-score.</summary>
public sealed class StdDev : IIndicator
{
    private static readonly string[] s_fields = ["stdDev", "mean", "zScore"];
    private readonly RollingVariance _stats;
    private double _last;

    /// <summary>Creates StdDev(<paramref name="lookbackPeriods"/>).</summary>
    public StdDev(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 2);
        _stats = new RollingVariance(lookbackPeriods);
    }

    /// <summary>The deviation.</summary>
    public double Value => _stats.StandardDeviation;

    /// <summary>The mean.</summary>
    public double Mean => _stats.Mean;

    /// <summary>(latest - mean) / deviation; 0 when there is no deviation.</summary>
    public double ZScore => Ratio.Of(_last - Mean, Value);

    /// <inheritdoc/>
    public bool IsReady => _stats.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        _last = value;
        _stats.Add(value);
    }

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = field switch { 0 => Value, 1 => Mean, _ => ZScore };
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _stats.Clear();
        _last = 0;
    }
}
