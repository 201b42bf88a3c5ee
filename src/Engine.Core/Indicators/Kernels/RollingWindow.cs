using System.Runtime.CompilerServices;

namespace Engine.Core.Indicators.Kernels;

/// <summary>The last <see cref="Capacity"/> values in a preallocated circular buffer: O(1) add, the evicted value returned.</summary>
public sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;

    /// <summary>Creates a window of <paramref name="capacity"/> values.</summary>
    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _values = new double[capacity];
    }

    /// <summary>How many values the window holds when full.</summary>
    public int Capacity => _values.Length;

    /// <summary>How many values it holds now.</summary>
    public int Count { get; private set; }

    /// <summary>True once it holds <see cref="Capacity"/> values.</summary>
    public bool IsFull => Count == _values.Length;

    /// <summary>The value <paramref name="back"/> places before the newest (0 = newest).</summary>
    public double this[int back]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int index = _next - 1 - back;
            return _values[index < 0 ? index + _values.Length : index];
        }
    }

    /// <summary>The oldest value held.</summary>
    public double Oldest => IsFull ? _values[_next] : _values[0];

    /// <summary>Adds <paramref name="value"/>; returns true and the value it pushed out once the window is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(double value, out double evicted)
    {
        bool full = IsFull;
        evicted = full ? _values[_next] : 0;
        _values[_next] = value;
        _next = _next + 1 == _values.Length ? 0 : _next + 1;
        if (!full)
        {
            Count++;
        }

        return full;
    }

    /// <summary>The values held, in storage order (not time order): for reductions where order does not matter.</summary>
    public ReadOnlySpan<double> Unordered => _values.AsSpan(0, Count);

    /// <summary>The exact sum of the values held (O(n); used to re-anchor running sums).</summary>
    public double Sum()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += _values[i];
        }

        return sum;
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Array.Clear(_values);
        _next = 0;
        Count = 0;
    }
}
