using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Chandelier exit: for a long position, the highest high of the last N bars minus <c>multiplier</c>
/// x ATR(N); for a short one, the lowest low plus it. From bar N+1 (when the ATR is ready).
/// </summary>
public sealed class ChandelierExit : IIndicator
{
    private static readonly string[] s_fields = ["chandelierExit"];
    private readonly RollingExtremes _range;
    private readonly Atr _atr;
    private readonly double _multiplier;
    private readonly ChandelierDirection _direction;

    /// <summary>Creates Chandelier(<paramref name="lookbackPeriods"/>, <paramref name="multiplier"/>, <paramref name="direction"/>), usually (22, 3, long).</summary>
    public ChandelierExit(int lookbackPeriods = 22, double multiplier = 3, ChandelierDirection direction = ChandelierDirection.Long)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        _range = new RollingExtremes(lookbackPeriods);
        _atr = new Atr(lookbackPeriods);
        _multiplier = multiplier;
        _direction = direction;
    }

    /// <summary>The stop level.</summary>
    public double Value => _direction == ChandelierDirection.Long
        ? _range.Max - (_multiplier * _atr.Value)
        : _range.Min + (_multiplier * _atr.Value);

    /// <inheritdoc/>
    public bool IsReady => _atr.IsReady && _range.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _range.Add(bar.High, bar.Low);
        _atr.Update(bar);
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
        _atr.Reset();
    }
}
