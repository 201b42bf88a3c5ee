using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// The quick ring benchmark: every topology over the ring (each consumer's loop compiled for its
/// handler, and through the interface), over a bounded channel and, for 1P-1C, a blocking
/// collection and batches of ten, in one process, the workloads of a topology taking turns
/// (<see cref="WorkloadTurns"/>).
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

            var measured = new WorkloadTurns(options.Runs, options.Rounds, options.RunDuration, progress).Measure(label, workloads);
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
}
