using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Donchian channel over the previous N bars, not counting the current one: the highest high and
/// lowest low of bars t-N .. t-1, so a close above the upper band is a breakout (as in turtle-style
/// breakout systems). Centre is their midpoint; width is (upper - lower) / centre. From bar N+1.
/// </summary>
public sealed class Donchian : IIndicator
{
    private static readonly string[] s_fields = ["upperBand", "centerline", "lowerBand", "width"];
    private readonly RollingExtremes _previous;

    /// <summary>Creates Donchian(<paramref name="lookbackPeriods"/>).</summary>
    public Donchian(int lookbackPeriods = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _previous = new RollingExtremes(lookbackPeriods);
    }

    /// <summary>Highest high of the previous N bars.</summary>
    public double UpperBand { get; private set; }

    /// <summary>Lowest low of the previous N bars.</summary>
    public double LowerBand { get; private set; }

    /// <summary>Midpoint.</summary>
    public double Centerline => (UpperBand + LowerBand) / 2;

    /// <summary>Relative width.</summary>
    public double Width => Ratio.Of(UpperBand - LowerBand, Centerline);

    /// <inheritdoc/>
    public bool IsReady { get; private set; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        // The channel for this bar comes from the bars before it; then this bar joins the window.
        if (_previous.IsFull)
        {
            UpperBand = _previous.Max;
            LowerBand = _previous.Min;
            IsReady = true;
        }

        _previous.Add(bar.High, bar.Low);
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = field switch { 0 => UpperBand, 1 => Centerline, 2 => LowerBand, _ => Width };
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _previous.Clear();
        IsReady = false;
        UpperBand = LowerBand = 0;
    }
}
