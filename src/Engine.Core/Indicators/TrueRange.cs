namespace Engine.Core.Indicators;

/// <summary>Wilder's true range: the largest of high - low, |high - previous close|, |low - previous close|. From the second bar.</summary>
public sealed class TrueRange : IIndicator
{
    private static readonly string[] s_fields = ["tr"];
    private double _previousClose;
    private int _count;

    /// <summary>The true range; valid when <see cref="IsReady"/>.</summary>
    public double Value { get; private set; }

    /// <inheritdoc/>
    public bool IsReady => _count >= 2;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>The kernel: true range of a bar given the previous close.</summary>
    public static double Of(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        if (_count > 0)
        {
            Value = Of(bar.High, bar.Low, _previousClose);
        }

        _previousClose = bar.Close;
        if (_count < 2)
        {
            _count++;
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
        _count = 0;
        Value = 0;
        _previousClose = 0;
    }
}
