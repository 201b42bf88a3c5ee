namespace Engine.Bench.Workloads;

/// <summary>The CPU time the tasks of one name (a kernel thread, another process's threads) ran over a window.</summary>
/// <param name="Name">The task's name as Linux keeps it (at most 15 characters): <c>kdamond.0</c>, <c>kworker/1:2</c>.</param>
/// <param name="CpuNs">Nanoseconds on a CPU over the window, summed over the tasks of that name.</param>
public readonly record struct TaskCpu(string Name, long CpuNs);
