namespace Engine.Bench.Workloads;

/// <summary>
/// One reading of <see cref="MachineTasks"/>: each task outside this process, by thread id, with
/// its name and the nanoseconds it has run so far.
/// </summary>
public sealed class MachineTaskSnapshot
{
    private readonly Dictionary<int, (string Name, long RunNs)> _tasks;

    internal MachineTaskSnapshot(Dictionary<int, (string Name, long RunNs)> tasks) => _tasks = tasks;

    /// <summary>How many tasks were read.</summary>
    public int Count => _tasks.Count;

    /// <summary>
    /// What each name ran between <paramref name="before"/> and this reading, most first, names
    /// that did not run left out. A task that began in between counts in whole; one that ended in
    /// between is missed (its time went with it), so the figures are a lower bound.
    /// </summary>
    public IReadOnlyList<TaskCpu> Since(MachineTaskSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (tid, (name, runNs)) in _tasks)
        {
            // A task may rename itself (a kernel worker's name carries the queue it serves now), so
            // the thread id says which task it is; one reused by a new task reads as less than
            // before, and counts the new task's whole run.
            long ran = before._tasks.TryGetValue(tid, out var earlier) && earlier.RunNs <= runNs
                ? runNs - earlier.RunNs
                : runNs;
            if (ran > 0)
            {
                byName[name] = byName.GetValueOrDefault(name) + ran;
            }
        }

        return byName.Select(p => new TaskCpu(p.Key, p.Value)).OrderByDescending(t => t.CpuNs).ThenBy(t => t.Name, StringComparer.Ordinal).ToArray();
    }
}
