namespace Engine.Bench.Workloads;

/// <summary>One reading of a thread's <see cref="ThreadStat"/>.</summary>
/// <param name="CpuTime">User and system CPU time so far.</param>
/// <param name="MinorFaults">Page faults so far that needed no disk: each one a first write to a page the OS had not mapped yet, taken on this thread.</param>
public readonly record struct ThreadStatSample(TimeSpan CpuTime, long MinorFaults);
