using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>Rate of change over N bars: momentum = close - close N bars ago; roc = momentum as a percent of that close (0 when it was 0).</summary>
public sealed class Roc : IIndicator
{
    private static readonly string[] s_fields = ["momentum", "roc"];
    private readonly RollingWindow _closes;

    /// <summary>Creates ROC(<paramref name="lookbackPeriods"/>).</summary>
    public Roc(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _closes = new RollingWindow(lookbackPeriods + 1);
    }

    /// <summary>Close minus the close N bars ago.</summary>
    public double Momentum => _closes[0] - _closes.Oldest;

    /// <summary>Momentum in percent of the older close.</summary>
    public double Value => 100 * Ratio.Of(Momentum, _closes.Oldest);

    /// <inheritdoc/>
    public bool IsReady => _closes.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value) => _closes.Add(value, out _);

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = field == 0 ? Momentum : Value;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset() => _closes.Clear();
}
