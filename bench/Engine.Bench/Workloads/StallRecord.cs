namespace Engine.Bench.Workloads;

/// <summary>
/// One spinning thread's stalls: each interval between two of its clock reads that lay further
/// apart than the resolution, in <see cref="System.Diagnostics.Stopwatch"/> ticks, in the order
/// they happened. Fixed capacity, so recording never allocates; stalls past it are counted.
/// </summary>
public sealed class StallRecord
{
    private readonly long[] _starts;
    private readonly long[] _ends;

    /// <summary>Creates a record with room for <paramref name="capacity"/> stalls.</summary>
    public StallRecord(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _starts = new long[capacity];
        _ends = new long[capacity];
    }

    /// <summary>Stalls kept.</summary>
    public int Count { get; private set; }

    /// <summary>Stalls that found the record full (the floor then understates them).</summary>
    public long Dropped { get; private set; }

    /// <summary>The last clock read before stall <paramref name="index"/>.</summary>
    public long StartAt(int index) => _starts[index];

    /// <summary>The first clock read after stall <paramref name="index"/>.</summary>
    public long EndAt(int index) => _ends[index];

    /// <summary>Adds a stall from <paramref name="start"/> to <paramref name="end"/>, later than every one before it.</summary>
    public void Add(long start, long end)
    {
        if (Count > 0 && start < _ends[Count - 1])
        {
            throw new ArgumentException($"A stall from {start} overlaps the one before it, which ended at {_ends[Count - 1]}.", nameof(start));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        if (Count == _starts.Length)
        {
            Dropped++;
            return;
        }

        _starts[Count] = start;
        _ends[Count] = end;
        Count++;
    }
}
