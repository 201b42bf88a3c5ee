namespace Engine.Bench.Workloads;

/// <summary>
/// The tick-to-decision latency the machine alone sets for a paced pipeline: for each tick on the
/// schedule, how long after its due time the last of the pipeline's cores was running again.
/// </summary>
/// <param name="Threads">Spinning threads, one for each busy thread of the pipeline.</param>
/// <param name="Ticks">Due times on the schedule.</param>
/// <param name="P50Ns">Median lateness, ns (0 is below the resolution).</param>
/// <param name="P99Ns">p99 lateness, ns.</param>
/// <param name="P999Ns">p99.9 lateness, ns.</param>
/// <param name="MaxNs">Largest lateness, ns: the longest stall that caught a due time.</param>
/// <param name="LateFraction">Share of due times that fell inside a stall of some core.</param>
/// <param name="StalledFraction">Share of the wall time some core was stalled.</param>
/// <param name="Stalls">Stalls seen, summed over the threads.</param>
/// <param name="Dropped">Stalls that did not fit the records (non-zero: the floor understates the machine).</param>
/// <param name="ResolutionNs">A gap between two clock reads shorter than this is not a stall.</param>
public sealed record HiccupFloorResult(
    int Threads,
    long Ticks,
    double P50Ns,
    double P99Ns,
    double P999Ns,
    double MaxNs,
    double LateFraction,
    double StalledFraction,
    long Stalls,
    long Dropped,
    long ResolutionNs);
