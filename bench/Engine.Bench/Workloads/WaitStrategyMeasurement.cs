using System.Text.Json.Serialization;

namespace Engine.Bench.Workloads;

/// <summary>One wait strategy's cost in a quiet market and its latency in a busy one.</summary>
public sealed record WaitStrategyMeasurement
{
    /// <summary>The strategy's configuration name.</summary>
    [JsonPropertyName("wait_strategy")]
    public required string WaitStrategy { get; init; }

    /// <summary>The logic thread's CPU time per wall second at the quiet rate, in percent of one core.</summary>
    [JsonPropertyName("quiet_cpu_percent")]
    public double QuietCpuPercent { get; init; }

    /// <summary>Tick-to-decision p50 at the busy rate, ns.</summary>
    [JsonPropertyName("busy_p50_ns")]
    public double BusyP50Ns { get; init; }

    /// <summary>Tick-to-decision p99 at the busy rate, ns.</summary>
    [JsonPropertyName("busy_p99_ns")]
    public double BusyP99Ns { get; init; }

    /// <summary>Tick-to-decision p99 at the busy rate from each tick's due time (corrected for coordinated omission), ns.</summary>
    [JsonPropertyName("busy_corrected_p99_ns")]
    public double BusyCorrectedP99Ns { get; init; }

    /// <summary>
    /// The machine's own floor at the busy rate, measured just before this strategy's busy run
    /// (<see cref="HiccupFloor"/>): the corrected p99 no pipeline on those threads could beat then.
    /// </summary>
    [JsonPropertyName("busy_floor_p99_ns")]
    public double BusyFloorP99Ns { get; init; }

    /// <summary>The floor's resolution, ns: a gap shorter than this is not a stall; 0 where no floor was measured.</summary>
    [JsonPropertyName("busy_floor_resolution_ns")]
    public long BusyFloorResolutionNs { get; init; }

    /// <summary>
    /// The busy corrected p99 over the floor's p99 (a floor below its resolution counts as the
    /// resolution, as in <c>bench pipeline</c>): near 1 or below, the machine sets the tail, not the
    /// wait. NaN where no floor was measured.
    /// </summary>
    [JsonPropertyName("busy_corrected_p99_over_floor")]
    public double BusyCorrectedP99OverFloor => BusyFloorResolutionNs > 0 ? BusyCorrectedP99Ns / Math.Max(BusyFloorP99Ns, BusyFloorResolutionNs) : double.NaN;

    /// <summary>
    /// The share of the machine's cores that tasks outside this process ran during the busy run
    /// (kernel threads, other processes; <see cref="MachineTasks"/>): where every core runs a
    /// pipeline thread, each of their runs stalls one. -1 where the kernel does not report it.
    /// </summary>
    [JsonPropertyName("busy_other_tasks_cpu_fraction")]
    public double BusyOtherTasksCpuFraction { get; init; } = -1;

    /// <summary>Tick-to-decision p99 at the quiet rate, ns (a parked thread's wake-up shows here).</summary>
    [JsonPropertyName("quiet_p99_ns")]
    public double QuietP99Ns { get; init; }

    /// <summary>The logic thread's CPU per wall second at the busy rate, percent of one core.</summary>
    [JsonPropertyName("busy_cpu_percent")]
    public double BusyCpuPercent { get; init; }
}
