namespace Engine.Core.Indicators.Kernels;

/// <summary>
/// Mean and population variance of the last N values in O(1), by the sliding form of Welford's
/// update (stable where sum-of-squares cancels catastrophically, e.g. prices near 1e15), with an
/// exact recomputation every N updates to stop drift.
/// </summary>
public sealed class RollingVariance
{
    private readonly RollingWindow _window;
    private double _mean;
    private double _m2;
    private int _sinceExact;

    /// <summary>Creates the statistic over <paramref name="length"/> values.</summary>
    public RollingVariance(int length) => _window = new RollingWindow(length);

    /// <summary>True once N values were added.</summary>
    public bool IsFull => _window.IsFull;

    /// <summary>The mean.</summary>
    public double Mean => _mean;

    /// <summary>The population variance (never negative).</summary>
    public double Variance => _window.Count == 0 ? 0 : Math.Max(0, _m2 / _window.Count);

    /// <summary>The population standard deviation.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Adds a value.</summary>
    public void Add(double value)
    {
        bool full = _window.Add(value, out double evicted);
        if (++_sinceExact >= _window.Capacity)
        {
            _sinceExact = 0;
            Recompute();
        }
        else if (!full)
        {
            double delta = value - _mean;
            _mean += delta / _window.Count;
            _m2 += delta * (value - _mean);
        }
        else
        {
            double oldMean = _mean;
            _mean += (value - evicted) / _window.Count;
            _m2 += (value - evicted) * (value - _mean + evicted - oldMean);
        }
    }

    private void Recompute()
    {
        int n = _window.Count;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += _window[i];
        }

        mean /= n;
        double m2 = 0;
        for (int i = 0; i < n; i++)
        {
            double d = _window[i] - mean;
            m2 += d * d;
        }

        _mean = mean;
        _m2 = m2;
    }

    /// <summary>Empties it.</summary>
    public void Clear()
    {
        _window.Clear();
        _mean = 0;
        _m2 = 0;
        _sinceExact = 0;
    }
}
