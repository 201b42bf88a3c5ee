using System.Diagnostics;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// The quick ring benchmark: every topology over the ring and over a bounded channel in one
/// process, each calibrated to a fixed run length, warmed up, then measured several times.
/// </summary>
public sealed class RingBenchmark(RingBenchmarkOptions options, Action<string> progress)
{
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

            var ring = Measure(label, new RingWorkload(topology, choice.Kind));
            var channel = Measure(label, new ChannelWorkload(topology));
            var blocking = topology == Topology.Unicast ? Measure(label, new BlockingCollectionWorkload()) : null;
            var result = new TopologyResult(topology, WaitStrategies.NameOf(choice.Kind), choice.Reason, ring, channel, blocking);
            progress($"{label}: ring {ring.OpsPerSecond / 1e6:F1} M/s vs channel {channel.OpsPerSecond / 1e6:F2} M/s = {result.Ratio:F1}x");
            results.Add(result);
        }

        return results;
    }

    private WorkloadMeasurement Measure(string label, IThroughputWorkload workload)
    {
        using (workload)
        {
            workload.Start();
            progress($"{label}: {workload.Transport}: calibrating");
            long events = Calibrate(workload);
            workload.Run(events);

            var rates = new double[options.Runs];
            long handledBefore = workload.Handled;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (int run = 0; run < options.Runs; run++)
            {
                var clock = Stopwatch.StartNew();
                workload.Run(events);
                rates[run] = events / clock.Elapsed.TotalSeconds;
            }

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            long handled = workload.Handled - handledBefore;
            if (handled != events * options.Runs)
            {
                throw new InvalidOperationException($"{label} over {workload.Transport}: the last consumer handled {handled} events, expected {events * options.Runs}.");
            }

            Array.Sort(rates);
            progress($"{label}: {workload.Transport}: {rates[rates.Length / 2] / 1e6:F2} M events/s ({events:N0} events x {options.Runs} runs)");
            return new WorkloadMeasurement(workload.Transport, events, rates[rates.Length / 2], rates[^1], (double)allocated / (events * options.Runs));
        }
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
