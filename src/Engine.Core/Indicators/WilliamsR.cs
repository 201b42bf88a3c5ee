using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>Williams %R: -100 x (highest high - close) / (highest high - lowest low) over N bars; always within -100..0 (-100 on a flat range).</summary>
public sealed class WilliamsR : IIndicator
{
    private static readonly string[] s_fields = ["williamsR"];
    private readonly RollingExtremes _range;

    /// <summary>Creates %R(<paramref name="lookbackPeriods"/>).</summary>
    public WilliamsR(int lookbackPeriods = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _range = new RollingExtremes(lookbackPeriods);
    }

    /// <summary>-100 to 0; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _range.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _range.Add(bar.High, bar.Low);
        if (_range.IsFull)
        {
            Value = Stochastic.RawK(bar.Close, _range.Max, _range.Min) - 100;
        }
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
        _range.Clear();
        Value = 0;
    }
}
