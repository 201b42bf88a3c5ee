using System.Diagnostics;
using HdrHistogram;

namespace Engine.Bench.Workloads;

/// <summary>
/// What the machine's own stalls cost a paced pipeline, measured in the same run. As many threads
/// as the pipeline keeps busy spin on the clock for the paced run's length, each noting every gap
/// between two of its reads longer than the resolution: an interrupt, a process that preempts it,
/// the hypervisor taking the vCPU away. Each tick due on the paced schedule is then as late as the
/// longest stall of any core still running at its due time. No pipeline on that many threads can
/// decide the tick sooner, so this is a floor under the corrected tick-to-decision figures: the
/// pipeline adds to it, and cannot go below it (what jHiccup measures, at the pipeline's rate and
/// thread count).
/// </summary>
public static class HiccupFloor
{
    /// <summary>The shortest gap between two clock reads that counts as a stall, by default.</summary>
    public const long DefaultResolutionNs = 1_000;

    // An idle machine's timer interrupts make a few thousand stalls a second; this is minutes of them.
    private const int StallsPerThread = 1 << 18;

    // As LatencyProbe: up to 10 s at 3 significant digits, so the two read alike.
    private const long Highest = 10_000_000_000;

    /// <summary>
    /// Spins <paramref name="threads"/> threads for <paramref name="duration"/> and reads the
    /// lateness of each tick due at <paramref name="rate"/> a second over that time.
    /// </summary>
    public static HiccupFloorResult Measure(int threads, double rate, TimeSpan duration, long resolutionNs = DefaultResolutionNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolutionNs, 1);

        double ticksPerNs = Stopwatch.Frequency / 1e9;
        long resolution = Math.Max(1, (long)(resolutionNs * ticksPerNs));
        long length = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var records = new StallRecord[threads];
        var spinners = new Thread[threads];
        var window = new long[2];
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim(false);
        for (int t = 0; t < threads; t++)
        {
            var record = records[t] = new StallRecord(StallsPerThread);
            spinners[t] = new Thread(() =>
            {
                ready.Signal();
                go.Wait();
                Spin(record, Volatile.Read(ref window[0]), Volatile.Read(ref window[1]), resolution);
            })
            {
                Name = $"engine-hiccup-{t}",
                IsBackground = true,
            };
            spinners[t].Start();
        }

        ready.Wait();

        // A common start a little ahead, so every thread is spinning before the window opens.
        long from = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        Volatile.Write(ref window[0], from);
        Volatile.Write(ref window[1], from + length);
        go.Set();
        foreach (var spinner in spinners)
        {
            spinner.Join();
        }

        var histogram = new LongHistogram(1, Highest, 3);
        var sweep = new StallSweep(records);
        long count = Math.Max(1, (long)(rate * duration.TotalSeconds));
        double interval = Stopwatch.Frequency / rate;
        long late = 0;
        for (long k = 0; k < count; k++)
        {
            long lateness = sweep.LatenessAt(from + (long)(k * interval));
            late += lateness > 0 ? 1 : 0;
            histogram.RecordValue(Math.Min(Highest, (long)(lateness / ticksPerNs)));
        }

        return new HiccupFloorResult(
            threads,
            count,
            LatencyProbe.At(histogram, 50),
            LatencyProbe.At(histogram, 99),
            LatencyProbe.At(histogram, 99.9),
            LatencyProbe.Max(histogram),
            (double)late / count,
            StalledTime(records, from, from + length) / (double)length,
            records.Sum(r => (long)r.Count + r.Dropped),
            records.Sum(r => r.Dropped),
            resolutionNs);
    }

    /// <summary>Ticks of [<paramref name="from"/>, <paramref name="until"/>) during which at least one record was stalled.</summary>
    public static long StalledTime(IReadOnlyList<StallRecord> records, long from, long until)
    {
        ArgumentNullException.ThrowIfNull(records);
        var stalls = new List<(long Start, long End)>();
        foreach (var record in records)
        {
            for (int i = 0; i < record.Count; i++)
            {
                long start = Math.Max(from, record.StartAt(i));
                long end = Math.Min(until, record.EndAt(i));
                if (end > start)
                {
                    stalls.Add((start, end));
                }
            }
        }

        stalls.Sort();
        long total = 0;
        long coveredTo = long.MinValue;
        foreach (var (start, end) in stalls)
        {
            if (end <= coveredTo)
            {
                continue;
            }

            total += end - Math.Max(start, coveredTo);
            coveredTo = end;
        }

        return total;
    }

    private static void Spin(StallRecord record, long from, long until, long resolution)
    {
        long last;
        while ((last = Stopwatch.GetTimestamp()) < from)
        {
        }

        while (last < until)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - last > resolution)
            {
                record.Add(last, now);
            }

            last = now;
        }
    }
}
