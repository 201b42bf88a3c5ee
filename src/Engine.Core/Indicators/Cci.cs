using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Commodity channel index: (typical price - its N-bar mean) / (0.015 x mean absolute deviation).
/// The mean is O(1); the mean absolute deviation is measured around the current mean, so it is
/// summed exactly over the N values each bar (O(N), with N usually 20); 0 when prices are flat.
/// </summary>
public sealed class Cci : IIndicator
{
    private static readonly string[] s_fields = ["cci"];
    private readonly RollingSum _typical;

    /// <summary>Creates CCI(<paramref name="lookbackPeriods"/>).</summary>
    public Cci(int lookbackPeriods = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _typical = new RollingSum(lookbackPeriods);
    }

    /// <summary>The index; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _typical.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        double tp = bar.TypicalPrice;
        _typical.Add(tp);
        if (!_typical.IsFull)
        {
            return;
        }

        double mean = _typical.Mean;
        var values = _typical.Window.Unordered;
        double deviation = 0;
        foreach (double v in values)
        {
            deviation += Math.Abs(v - mean);
        }

        Value = Ratio.Of(tp - mean, 0.015 * (deviation / values.Length));
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = Value;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _typical.Clear();
        Value = 0;
    }
}
