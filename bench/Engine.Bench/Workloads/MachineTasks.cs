using System.Globalization;

namespace Engine.Bench.Workloads;

/// <summary>
/// The CPU time of every task on the machine outside this process, from Linux's
/// <c>/proc/PID/task/TID/schedstat</c> (nanoseconds on a CPU, unlike the 10 ms ticks of
/// <c>stat</c>). Read before and after a paced run, it names what else ran on the cores meanwhile:
/// a kernel thread such as a memory-reclaim daemon, an interrupt's worker, another process. On a
/// machine whose every core runs a pipeline thread, each such run is a stall of some pipeline
/// thread, which the floor's spinning threads see as well but cannot name. A task on a CPU as it
/// is read reports its run time as of its last scheduler tick, so a window's figures are good to
/// a tick or so a task.
/// </summary>
public static class MachineTasks
{
    /// <summary>Whether the kernel reports run times (Linux with scheduler statistics).</summary>
    public static bool IsSupported => File.Exists("/proc/self/schedstat");

    /// <summary>Every task outside this process now; null where <see cref="IsSupported"/> is false.</summary>
    public static MachineTaskSnapshot? Take()
    {
        if (!IsSupported)
        {
            return null;
        }

        int self = Environment.ProcessId;
        var tasks = new Dictionary<int, (string Name, long RunNs)>();
        foreach (string process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == self)
            {
                continue;
            }

            IEnumerable<string> threads;
            try
            {
                threads = Directory.EnumerateDirectories(Path.Combine(process, "task")).ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or is not ours to read.
                continue;
            }

            foreach (string thread in threads)
            {
                if (!int.TryParse(Path.GetFileName(thread), NumberStyles.None, CultureInfo.InvariantCulture, out int tid))
                {
                    continue;
                }

                try
                {
                    if (TryParseSchedstat(File.ReadAllText(Path.Combine(thread, "schedstat")), out long runNs, out _))
                    {
                        tasks[tid] = (StableName(File.ReadAllText(Path.Combine(thread, "comm")).TrimEnd('\n')), runNs);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The thread ended while being read.
                }
            }
        }

        return new MachineTaskSnapshot(tasks);
    }

    /// <summary>
    /// A task's name without what changes while it runs: a kernel worker names itself after the
    /// queue it serves at the moment (<c>kworker/1:0-virtio_vsock</c>, then <c>kworker/1:0-events</c>),
    /// which says nothing of what it ran over a window, so only <c>kworker/1:0</c> is kept.
    /// </summary>
    public static string StableName(string comm)
    {
        ArgumentNullException.ThrowIfNull(comm);
        const string Worker = "kworker/";
        int queue = comm.StartsWith(Worker, StringComparison.Ordinal) ? comm.IndexOf('-', Worker.Length) : -1;
        return queue < 0 ? comm : comm[..queue];
    }

    /// <summary>
    /// schedstat's three fields: nanoseconds run on a CPU, nanoseconds waited runnable on a run
    /// queue, and time slices. False for anything else.
    /// </summary>
    public static bool TryParseSchedstat(ReadOnlySpan<char> schedstat, out long runNs, out long waitNs)
    {
        runNs = waitNs = 0;
        var line = schedstat.TrimEnd('\n');
        Span<Range> fields = stackalloc Range[4];
        return line.Split(fields, ' ') == 3
            && long.TryParse(line[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out runNs)
            && long.TryParse(line[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out waitNs)
            && long.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
