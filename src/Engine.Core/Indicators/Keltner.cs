using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>Keltner channel: EMA(close) as the centre line, plus and minus <c>multiplier</c> x ATR. Width is (upper - lower) / centre.</summary>
public sealed class Keltner : IIndicator
{
    private static readonly string[] s_fields = ["upperBand", "centerline", "lowerBand", "width"];
    private readonly Ema _center;
    private readonly Atr _atr;
    private readonly double _multiplier;

    /// <summary>Creates Keltner(<paramref name="emaPeriods"/>, <paramref name="multiplier"/>, <paramref name="atrPeriods"/>), usually (20, 2, 10).</summary>
    public Keltner(int emaPeriods = 20, double multiplier = 2, int atrPeriods = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(emaPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        ArgumentOutOfRangeException.ThrowIfLessThan(atrPeriods, 1);
        _center = new Ema(emaPeriods);
        _atr = new Atr(atrPeriods);
        _multiplier = multiplier;
    }

    /// <summary>The EMA.</summary>
    public double Centerline => _center.Value;

    /// <summary>Centre plus the ATR multiple.</summary>
    public double UpperBand => Centerline + (_multiplier * _atr.Value);

    /// <summary>Centre minus the ATR multiple.</summary>
    public double LowerBand => Centerline - (_multiplier * _atr.Value);

    /// <summary>Relative width.</summary>
    public double Width => Ratio.Of(UpperBand - LowerBand, Centerline);

    /// <inheritdoc/>
    public bool IsReady => _center.IsReady && _atr.IsReady;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _center.Update(bar.Close);
        _atr.Update(bar);
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
        _center.Reset();
        _atr.Reset();
    }
}
