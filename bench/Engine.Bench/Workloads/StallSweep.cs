namespace Engine.Bench.Workloads;

/// <summary>
/// Walks the stalls of several threads alongside a schedule of due times: for each due time, in
/// increasing order, how long until every thread was running again. A thread inside a stall at the
/// due time holds it back until the stall ends; one that was running holds nothing back.
/// </summary>
/// <remarks>Each record is walked once from its start, so a whole schedule costs its length plus the stalls.</remarks>
public sealed class StallSweep
{
    private readonly IReadOnlyList<StallRecord> _records;
    private readonly int[] _next;
    private long _lastDue = long.MinValue;

    /// <summary>Creates a sweep over <paramref name="records"/>, one for each thread.</summary>
    public StallSweep(IReadOnlyList<StallRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
        _next = new int[records.Count];
    }

    /// <summary>
    /// How long after <paramref name="due"/> the last stalled thread resumed (0 when none was
    /// stalled), in the records' ticks. Due times must not decrease from one call to the next.
    /// </summary>
    public long LatenessAt(long due)
    {
        if (due < _lastDue)
        {
            throw new ArgumentOutOfRangeException(nameof(due), due, $"Due times must not decrease; the one before was {_lastDue}.");
        }

        _lastDue = due;
        long latest = 0;
        for (int t = 0; t < _records.Count; t++)
        {
            var record = _records[t];
            int i = _next[t];
            while (i < record.Count && record.EndAt(i) <= due)
            {
                i++;
            }

            _next[t] = i;
            if (i < record.Count && record.StartAt(i) < due)
            {
                latest = Math.Max(latest, record.EndAt(i) - due);
            }
        }

        return latest;
    }
}
