using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Wilder's relative strength index: average gain and loss seeded with the mean of the first N
/// changes (first value at input N+1), then Wilder-smoothed. 100 when there are gains and no
/// losses; 50 when prices have not moved at all.
/// </summary>
public sealed class Rsi : IIndicator
{
    private static readonly string[] s_fields = ["rsi"];
    private readonly int _periods;
    private double _previous;
    private double _averageGain;
    private double _averageLoss;
    private int _changes;
    private bool _started;

    /// <summary>Creates RSI(<paramref name="lookbackPeriods"/>).</summary>
    public Rsi(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _periods = lookbackPeriods;
    }

    /// <summary>0 to 100; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _changes >= _periods;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        if (!_started)
        {
            _started = true;
            _previous = value;
            return;
        }

        double change = value - _previous;
        _previous = value;
        double gain = change > 0 ? change : 0;
        double loss = change < 0 ? -change : 0;
        if (_changes < _periods)
        {
            // Sums first, one division at the end: the reference's order of operations.
            _averageGain += gain;
            _averageLoss += loss;
            if (++_changes < _periods)
            {
                return;
            }

            _averageGain /= _periods;
            _averageLoss /= _periods;
        }
        else
        {
            _averageGain = ((_averageGain * (_periods - 1)) + gain) / _periods;
            _averageLoss = ((_averageLoss * (_periods - 1)) + loss) / _periods;
        }

        Value = _averageLoss == 0
            ? (_averageGain == 0 ? 50 : 100)
            : Math.Clamp(100 - (100 / (1 + Ratio.Of(_averageGain, _averageLoss))), 0, 100);
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
        _started = false;
        _changes = 0;
        _averageGain = 0;
        _averageLoss = 0;
        Value = 0;
    }
}
