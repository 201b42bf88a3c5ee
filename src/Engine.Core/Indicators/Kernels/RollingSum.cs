namespace Engine.Core.Indicators.Kernels;

/// <summary>
/// The sum of the last N values in O(1): add the new, subtract the evicted. Floating-point error
/// would creep in over millions of updates, so every N updates the sum is recomputed exactly from
/// the window (amortised O(1)), keeping results within a few ulps of a fresh summation.
/// </summary>
public sealed class RollingSum
{
    private readonly RollingWindow _window;
    private double _sum;
    private int _sinceExact;

    /// <summary>Creates a sum over <paramref name="length"/> values.</summary>
    public RollingSum(int length) => _window = new RollingWindow(length);

    /// <summary>The window.</summary>
    public RollingWindow Window => _window;

    /// <summary>The current sum.</summary>
    public double Sum => _sum;

    /// <summary>True once N values were added.</summary>
    public bool IsFull => _window.IsFull;

    /// <summary>The mean of the values held.</summary>
    public double Mean => _window.Count == 0 ? 0 : _sum / _window.Count;

    /// <summary>Adds a value; returns the evicted one (0 before the window is full).</summary>
    public double Add(double value)
    {
        _window.Add(value, out double evicted);
        if (++_sinceExact >= _window.Capacity)
        {
            _sinceExact = 0;
            _sum = _window.Sum();
        }
        else
        {
            _sum += value - evicted;
        }

        return evicted;
    }

    /// <summary>Empties it.</summary>
    public void Clear()
    {
        _window.Clear();
        _sum = 0;
        _sinceExact = 0;
    }
}
