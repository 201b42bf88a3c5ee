using System.Diagnostics;

namespace Engine.Bench.Workloads;

/// <summary>
/// Measures throughput workloads in turns: each is calibrated to a fixed run length and warmed up,
/// then the workloads take turns, round after round, one at a time, so a change in the machine's
/// load falls on all of them alike. The figure of each is the median of its measured runs.
/// </summary>
public sealed class WorkloadTurns
{
    private readonly int _runs;
    private readonly int _rounds;
    private readonly TimeSpan _runDuration;
    private readonly Action<string> _progress;

    /// <summary>
    /// <paramref name="runs"/> measured runs per workload in each of <paramref name="rounds"/>
    /// rounds, each about <paramref name="runDuration"/> long.
    /// </summary>
    public WorkloadTurns(int runs, int rounds, TimeSpan runDuration, Action<string> progress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        _runs = runs;
        _rounds = rounds;
        _runDuration = runDuration;
        _progress = progress;
    }

    /// <summary>
    /// Measures every workload, each started afresh in every round and never two at once.
    /// <paramref name="label"/> names them in progress and errors.
    /// </summary>
    public WorkloadMeasurement[] Measure(string label, IReadOnlyList<Func<IThroughputWorkload>> workloads)
    {
        var events = new long[workloads.Count];
        var rates = workloads.Select(_ => new List<double>()).ToArray();
        var allocated = new long[workloads.Count];
        var handled = new long[workloads.Count];
        var batches = new long[workloads.Count];
        var transports = new string[workloads.Count];
        for (int round = 0; round < _rounds; round++)
        {
            for (int w = 0; w < workloads.Count; w++)
            {
                // One workload's threads at a time: an idle consumer of another would still spin
                // or yield on a core the measured one needs.
                using var workload = workloads[w]();
                transports[w] = workload.Transport;
                workload.Start();
                if (round == 0)
                {
                    _progress($"{label}: {workload.Transport}: calibrating");
                    events[w] = Calibrate(workload);
                }

                workload.Run(events[w]);
                long handledBefore = workload.Handled;
                long batchesBefore = workload.Batches;
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                for (int run = 0; run < _runs; run++)
                {
                    var clock = Stopwatch.StartNew();
                    workload.Run(events[w]);
                    rates[w].Add(events[w] / clock.Elapsed.TotalSeconds);
                }

                allocated[w] += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                handled[w] += workload.Handled - handledBefore;
                batches[w] += workload.Batches - batchesBefore;
            }
        }

        var measured = new WorkloadMeasurement[workloads.Count];
        for (int w = 0; w < workloads.Count; w++)
        {
            long expected = events[w] * _runs * _rounds;
            if (handled[w] != expected)
            {
                throw new InvalidOperationException($"{label} over {transports[w]}: the last consumer handled {handled[w]} events, expected {expected}.");
            }

            var sorted = rates[w].Order().ToArray();
            double median = sorted[sorted.Length / 2];
            double averageBatch = batches[w] > 0 ? (double)handled[w] / batches[w] : double.NaN;
            _progress($"{label}: {transports[w]}: {median / 1e6:F2} M events/s ({events[w]:N0} events x {sorted.Length} runs{(double.IsNaN(averageBatch) ? string.Empty : $", {averageBatch:F1} events per batch")})");
            measured[w] = new WorkloadMeasurement(transports[w], events[w], median, sorted[^1], (double)allocated[w] / expected, averageBatch, rates[w].ToArray());
        }

        return measured;
    }

    // Grows the event count until one run takes about the requested duration.
    private long Calibrate(IThroughputWorkload workload)
    {
        long events = 10_000;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            workload.Run(events);
            var elapsed = clock.Elapsed;
            if (elapsed >= _runDuration / 4 || events >= 1L << 34)
            {
                double perSecond = events / Math.Max(elapsed.TotalSeconds, 1e-6);
                return Math.Max(10_000, (long)(perSecond * _runDuration.TotalSeconds));
            }

            events *= 4;
        }
    }
}
