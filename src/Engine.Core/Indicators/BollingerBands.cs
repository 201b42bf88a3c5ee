using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// Bollinger Bands: SMA(N) plus and minus K population standard deviations; %B = where the close
/// sits between the bands (0.5 when the bands have no width), z-score = (close - SMA) / deviation,
/// width = (upper - lower) / SMA.
/// </summary>
public sealed class BollingerBands : IIndicator
{
    private static readonly string[] s_fields = ["sma", "upperBand", "lowerBand", "percentB", "zScore", "width"];
    private readonly RollingVariance _stats;
    private readonly double _deviations;
    private double _close;

    /// <summary>Creates BB(<paramref name="lookbackPeriods"/>, <paramref name="standardDeviations"/>), usually (20, 2).</summary>
    public BollingerBands(int lookbackPeriods = 20, double standardDeviations = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(standardDeviations);
        _stats = new RollingVariance(lookbackPeriods);
        _deviations = standardDeviations;
    }

    /// <summary>The middle band.</summary>
    public double Sma => _stats.Mean;

    /// <summary>The population standard deviation.</summary>
    public double StandardDeviation => _stats.StandardDeviation;

    /// <summary>Upper band.</summary>
    public double UpperBand => Sma + (_deviations * StandardDeviation);

    /// <summary>Lower band.</summary>
    public double LowerBand => Sma - (_deviations * StandardDeviation);

    /// <summary>Position of the close within the bands.</summary>
    public double PercentB => Ratio.Of(_close - LowerBand, UpperBand - LowerBand, 0.5);

    /// <summary>Deviations of the close from the middle band.</summary>
    public double ZScore => Ratio.Of(_close - Sma, StandardDeviation);

    /// <summary>Band width relative to the middle band.</summary>
    public double Width => Ratio.Of(UpperBand - LowerBand, Sma);

    /// <inheritdoc/>
    public bool IsReady => _stats.IsFull;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>Takes one value.</summary>
    public void Update(double value)
    {
        _close = value;
        _stats.Add(value);
    }

    /// <inheritdoc/>
    public void Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        value = field switch
        {
            0 => Sma,
            1 => UpperBand,
            2 => LowerBand,
            3 => PercentB,
            4 => ZScore,
            _ => Width,
        };
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _stats.Clear();
        _close = 0;
    }
}
