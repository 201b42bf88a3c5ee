using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>What <c>engine bench ring</c> measures and for how long.</summary>
public sealed class RingBenchmarkOptions
{
    /// <summary>The topologies to run; all of them by default.</summary>
    public IReadOnlyList<Topology> Topologies { get; init; } = Enum.GetValues<Topology>();

    /// <summary>The ring's wait strategy; null picks it from the core count per topology.</summary>
    public WaitStrategyKind? WaitStrategy { get; init; }

    /// <summary>Measured runs per workload in each round (after one warm-up run).</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Rounds in which the workloads of a topology take turns.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>How long one run should take; the event count is calibrated to it.</summary>
    public TimeSpan RunDuration { get; init; } = TimeSpan.FromMilliseconds(300);
}
