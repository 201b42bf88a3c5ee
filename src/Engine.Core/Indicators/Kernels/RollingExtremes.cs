namespace Engine.Core.Indicators.Kernels;

/// <summary>
/// The highest and lowest of the last N values in amortised O(1): two monotonic deques of
/// (index, value) in preallocated circular arrays, so each value is pushed and popped at most once.
/// </summary>
public sealed class RollingExtremes
{
    private readonly int _length;
    private readonly MonotonicQueue _max;
    private readonly MonotonicQueue _min;
    private long _index;

    /// <summary>Creates the extremes over <paramref name="length"/> values.</summary>
    public RollingExtremes(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _length = length;
        _max = new MonotonicQueue(length, keepLargest: true);
        _min = new MonotonicQueue(length, keepLargest: false);
    }

    /// <summary>True once N values were added.</summary>
    public bool IsFull => _index >= _length;

    /// <summary>The highest of the last N.</summary>
    public double Max => _max.Front;

    /// <summary>The lowest of the last N.</summary>
    public double Min => _min.Front;

    /// <summary>Adds a high and a low (the same value for a single series).</summary>
    public void Add(double high, double low)
    {
        _max.Push(_index, high, _index - _length + 1);
        _min.Push(_index, low, _index - _length + 1);
        _index++;
    }

    /// <summary>Empties it.</summary>
    public void Clear()
    {
        _max.Clear();
        _min.Clear();
        _index = 0;
    }

    private sealed class MonotonicQueue(int capacity, bool keepLargest)
    {
        private readonly long[] _indexes = new long[capacity + 1];
        private readonly double[] _values = new double[capacity + 1];
        private int _head;
        private int _tail;   // one past the back
        private int _count;

        public double Front => _count == 0 ? 0 : _values[_head];

        public void Push(long index, double value, long oldestKept)
        {
            // Values that can never again be the extreme leave from the back.
            while (_count > 0)
            {
                int back = _tail == 0 ? _values.Length - 1 : _tail - 1;
                if (keepLargest ? _values[back] > value : _values[back] < value)
                {
                    break;
                }

                _tail = back;
                _count--;
            }

            _indexes[_tail] = index;
            _values[_tail] = value;
            _tail = _tail + 1 == _values.Length ? 0 : _tail + 1;
            _count++;

            // Values that have left the window leave from the front.
            while (_indexes[_head] < oldestKept)
            {
                _head = _head + 1 == _values.Length ? 0 : _head + 1;
                _count--;
            }
        }

        public void Clear()
        {
            _head = 0;
            _tail = 0;
            _count = 0;
        }
    }
}
