using Engine.Core.Indicators.Kernels;

namespace Engine.Core.Indicators;

/// <summary>
/// The stochastic oscillator: raw %K = 100 x (close - lowest low) / (highest high - lowest low)
/// over N bars (0 when the range is flat); %K = SMA(smooth) of raw %K (the "slow" stochastic when
/// smooth is 3); %D = SMA(signal) of %K; %J = 3%K - 2%D. %K and %D stay within 0..100.
/// </summary>
public sealed class Stochastic : IIndicator
{
    private static readonly string[] s_fields = ["oscillator", "signal", "percentJ"];
    private readonly RollingExtremes _range;
    private readonly Sma _smooth;
    private readonly Sma _signal;

    /// <summary>Creates Stoch(<paramref name="lookbackPeriods"/>, <paramref name="signalPeriods"/>, <paramref name="smoothPeriods"/>), usually (14, 3, 3).</summary>
    public Stochastic(int lookbackPeriods = 14, int signalPeriods = 3, int smoothPeriods = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(smoothPeriods, 1);
        _range = new RollingExtremes(lookbackPeriods);
        _smooth = new Sma(smoothPeriods);
        _signal = new Sma(signalPeriods);
    }

    /// <summary>%K.</summary>
    public double K => _smooth.Value;

    /// <summary>%D.</summary>
    public double D => _signal.Value;

    /// <summary>%J.</summary>
    public double J => (3 * K) - (2 * D);

    /// <summary>True once %K is valid.</summary>
    public bool IsKReady => _smooth.IsReady;

    /// <inheritdoc/>
    public bool IsReady => _signal.IsReady;

    /// <inheritdoc/>
    public IReadOnlyList<string> Fields => s_fields;

    /// <summary>The kernel: raw %K of a close within a range.</summary>
    public static double RawK(double close, double highest, double lowest) =>
        Math.Clamp(100 * Ratio.Of(close - lowest, highest - lowest), 0, 100);

    /// <inheritdoc/>
    public void Update(in Bar bar)
    {
        _range.Add(bar.High, bar.Low);
        if (!_range.IsFull)
        {
            return;
        }

        _smooth.Update(RawK(bar.Close, _range.Max, _range.Min));
        if (_smooth.IsReady)
        {
            _signal.Update(K);
        }
    }

    /// <inheritdoc/>
    public bool TryGet(int field, out double value)
    {
        (value, bool ready) = field switch
        {
            0 => (K, IsKReady),
            1 => (D, IsReady),
            _ => (J, IsReady),
        };
        return ready;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _range.Clear();
        _smooth.Reset();
        _signal.Reset();
    }
}
