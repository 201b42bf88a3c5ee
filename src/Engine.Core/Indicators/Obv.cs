namespace Engine.Core.Indicators;

/// <summary>On-balance volume: add the bar's volume when the close rises, subtract it when the close falls. 0 on the first bar.</summary>
public sealed class Obv : IIndicator
{
    private static readonly string[] s_fields = ["obv"];
    private double _previousClose;
    private bool _started;

    /// <summary>The running total.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _started;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        if (_started)
        {
            Value += bar.Close > _previousClose ? bar.Volume : bar.Close < _previousClose ? -bar.Volume : 0;
        }

        _started = true;
        _previousClose = bar.Close;
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
        _started = false;
        Value = 0;
    }
}
