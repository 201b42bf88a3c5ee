using System.Reflection;
using Disruptor.Dsl;
using Engine.Bench.Workloads;
using Engine.Ring;

namespace Engine.RingReference;

/// <summary>
/// Runs our ring (its consumer loop compiled for the handler, as the engine runs it) and the
/// reference's value ring side by side: same slot struct, same handler work, 65,536 slots, the
/// same kind of wait strategy, one producer and one consumer, each workload started afresh in
/// every round and the four taking turns.
/// </summary>
public sealed class RingReferenceComparison(WaitStrategyKind waitStrategy, int runs, int rounds, TimeSpan runDuration, Action<string> progress)
{
    private const int BatchSize = 10;

    /// <summary>Measures the four workloads and pairs them up.</summary>
    public RingReferenceResult Run()
    {
        // Fail on an unsupported wait before anything runs.
        _ = DisruptorNetWorkload.ReferenceWaitStrategy(waitStrategy);
        var workloads = new List<Func<IThroughputWorkload>>
        {
            () => new RingWorkload(Topology.Unicast, waitStrategy),
            () => new DisruptorNetWorkload(waitStrategy),
            () => new RingWorkload(Topology.Unicast, waitStrategy, publishBatch: BatchSize),
            () => new DisruptorNetWorkload(waitStrategy, BatchSize),
        };
        var measured = new WorkloadTurns(runs, rounds, runDuration, progress).Measure("1P-1C", workloads);
        return new RingReferenceResult(WaitStrategies.NameOf(waitStrategy), ReferenceVersion, runs, measured[0], measured[1], measured[2], measured[3]);
    }

    /// <summary>The reference package's version, as its assembly states it.</summary>
    public static string ReferenceVersion
    {
        get
        {
            var assembly = typeof(ValueDisruptor<>).Assembly;
            string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return (informational ?? assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];
        }
    }
}
