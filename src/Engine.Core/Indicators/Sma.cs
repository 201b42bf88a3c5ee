using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>Simple moving average of the last N values. First value at the Nth input.</summary>
public sealed class Sma : IIndicator
{
    private static readonly string[] s_fields = ["sma"];
    private readonly RollingSum _sum;

    /// <summary>Creates SMA(<paramref name="lookbackPeriods"/>).</summary>
    public Sma(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _sum = new RollingSum(lookbackPeriods);
    }

    /// <summary>The average; valid when <see cref="IsReady"/>.</summary>
    public double Value => _sum.Mean;

    /// <inheritdoc/>
    public bool IsReady => _sum.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value) => _sum.Add(value);

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = Value;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset() => _sum.Clear();
}
