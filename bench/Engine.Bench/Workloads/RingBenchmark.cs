using System.Diagnostics;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// The quick ring benchmark: every topology over the ring (each consumer's loop compiled for its
/// handler, and through the interface), over a bounded channel and, for 1P-1C, a blocking
/// collection and batches of ten, in one process. Each workload is calibrated to a fixed run
/// length and warmed up; the workloads of a topology then take turns, round after round, so a
/// change in the machine's load falls on all of them alike.
/// </summary>
public sealed class RingBenchmark(RingBenchmarkOptions options, Action<string> progress)
{
    private const int BatchSize = 10;

    /// <summary>Runs every requested topology.</summary>
    public IReadOnlyList<TopologyResult> Run()
    {
        var results = new List<TopologyResult>();
        foreach (var topology in options.Topologies)
        {
            var choice = options.WaitStrategy is { } configured
                ? WaitStrategyChoice.Configured(configured)
                : WaitStrategyChoice.ForMachine(Environment.ProcessorCount, TopologyNames.ConsumerThreads(topology), TopologyNames.ProducerThreads(topology));
            string label = TopologyNames.Of(topology);
            bool unicast = topology == Topology.Unicast;

            var workloads = new List<Func<IThroughputWorkload>>
            {
                () => new RingWorkload(topology, choice.Kind),
                () => new RingWorkload(topology, choice.Kind, specialised: false),
                () => new ChannelWorkload(topology),
            };
            if (unicast)
            {
                workloads.Add(() => new BlockingCollectionWorkload());
                workloads.Add(() => new RingWorkload(topology, choice.Kind, publishBatch: BatchSize));
                workloads.Add(() => new RingWorkload(topology, choice.Kind, specialised: false, publishBatch: BatchSize));
            }

            var measured = MeasureInTurns(label, workloads);
            var result = new TopologyResult(
                topology,
                WaitStrategies.NameOf(choice.Kind),
                choice.Reason,
                measured[0],
                measured[1],
                measured[2],
                unicast ? measured[3] : null,
                unicast ? measured[4] : null,
                unicast ? measured[5] : null);
            progress($"{label}: ring {result.Ring.OpsPerSecond / 1e6:F1} M/s ({result.SpecialisationRatio:F2}x the interface loop) vs channel {result.Channel.OpsPerSecond / 1e6:F2} M/s = {result.Ratio:F1}x");
            results.Add(result);
        }

        return results;
    }

    private WorkloadMeasurement[] MeasureInTurns(string label, IReadOnlyList<Func<IThroughputWorkload>> workloads)
    {
        var events = new long[workloads.Count];
        var rates = workloads.Select(_ => new List<double>()).ToArray();
        var allocated = new long[workloads.Count];
        var handled = new long[workloads.Count];
        var batches = new long[workloads.Count];
        var transports = new string[workloads.Count];
        int rounds = Math.Max(1, options.Rounds);
        for (int round = 0; round < rounds; round++)
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
                    progress($"{label}: {workload.Transport}: calibrating");
                    events[w] = Calibrate(workload);
                }

                workload.Run(events[w]);
                long handledBefore = workload.Handled;
                long batchesBefore = workload.Batches;
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                for (int run = 0; run < options.Runs; run++)
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
            long expected = events[w] * options.Runs * rounds;
            if (handled[w] != expected)
            {
                throw new InvalidOperationException($"{label} over {transports[w]}: the last consumer handled {handled[w]} events, expected {expected}.");
            }

            var sorted = rates[w].Order().ToArray();
            double median = sorted[sorted.Length / 2];
            double averageBatch = batches[w] > 0 ? (double)handled[w] / batches[w] : double.NaN;
            progress($"{label}: {transports[w]}: {median / 1e6:F2} M events/s ({events[w]:N0} events x {sorted.Length} runs{(double.IsNaN(averageBatch) ? string.Empty : $", {averageBatch:F1} events per batch")})");
            measured[w] = new WorkloadMeasurement(transports[w], events[w], median, sorted[^1], (double)allocated[w] / expected, averageBatch);
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
            if (elapsed >= options.RunDuration / 4 || events >= 1L << 34)
            {
                double perSecond = events / Math.Max(elapsed.TotalSeconds, 1e-6);
                return Math.Max(10_000, (long)(perSecond * options.RunDuration.TotalSeconds));
            }

            events *= 4;
        }
    }
}
