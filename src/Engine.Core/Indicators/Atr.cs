using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Wilder's average true range: the mean of the first N true ranges (bars 2 to N+1), then
/// ATR = (ATR x (N-1) + TR) / N. Also ATR as a percent of the close (atrp).
/// </summary>
public sealed class Atr : IIndicator
{
    private static readonly string[] s_fields = ["tr", "atr", "atrp"];
    private readonly int _periods;
    private readonly TrueRange _trueRange = new();
    private double _sum;
    private int _ranges;
    private double _close;

    /// <summary>Creates ATR(<paramref name="lookbackPeriods"/>).</summary>
    public Atr(int lookbackPeriods = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _periods = lookbackPeriods;
    }

    /// <summary>The latest true range.</summary>
    public double TrueRange => _trueRange.Value;

    /// <summary>The average true range; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <summary>ATR as a percent of the close.</summary>
    public double Percent => Ratio.Of(Value, _close) * 100;

    /// <inheritdoc/>
    public bool IsReady => _ranges >= _periods;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _trueRange.Update(bar);
        _close = bar.Close;
        if (!_trueRange.IsReady)
        {
            return;
        }

        double tr = _trueRange.Value;
        if (_ranges < _periods)
        {
            _sum += tr;
            if (++_ranges == _periods)
            {
                Value = _sum / _periods;
            }

            return;
        }

        Value = ((Value * (_periods - 1)) + tr) / _periods;
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        (value, bool ready) = field switch
        {
            0 => (TrueRange, _trueRange.IsReady),
            1 => (Value, IsReady),
            _ => (Percent, IsReady),
        };
        return ready;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _trueRange.Reset();
        _sum = 0;
        _ranges = 0;
        Value = 0;
        _close = 0;
    }
}
