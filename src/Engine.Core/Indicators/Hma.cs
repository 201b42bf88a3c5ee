namespace Engine.Core.Indicators;

/// <summary>
/// Hull moving average: WMA over sqrt(N) of (2 x WMA(N/2) - WMA(N)). Less lag than an SMA of the
/// same length. First value at input N + floor(sqrt(N)) - 1.
/// </summary>
public sealed class Hma : IIndicator
{
    private static readonly string[] s_fields = ["hma"];
    private readonly Wma _half;
    private readonly Wma _full;
    private readonly Wma _smooth;

    /// <summary>Creates HMA(<paramref name="lookbackPeriods"/>), N at least 2.</summary>
    public Hma(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 2);
        _half = new Wma(lookbackPeriods / 2);
        _full = new Wma(lookbackPeriods);
        _smooth = new Wma((int)Math.Sqrt(lookbackPeriods));
    }

    /// <summary>The average; valid when <see cref="IsReady"/>.</summary>
    public double Value => _smooth.Value;

    /// <inheritdoc/>
    public bool IsReady => _smooth.IsReady;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        _half.Update(value);
        _full.Update(value);
        if (_full.IsReady)
        {
            _smooth.Update((2 * _half.Value) - _full.Value);
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
        _half.Reset();
        _full.Reset();
        _smooth.Reset();
    }
}
