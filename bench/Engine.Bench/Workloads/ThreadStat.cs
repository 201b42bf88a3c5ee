using System.Globalization;

namespace Engine.Bench.Workloads;

/// <summary>What a named thread of this process has used so far (CPU time, page faults, preemptions, waits for a CPU), from the thread's CPU clock and Linux's <c>/proc/self/task/TID/stat</c>, <c>status</c> and <c>schedstat</c>.</summary>
public static class ThreadStat
{
    // Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The calling thread's figures; null where /proc is missing.</summary>
    public static ThreadStatSample? OfCurrentThread() => File.Exists("/proc/thread-self/stat") ? Read("/proc/thread-self", CpuClock.OfCurrentThread()) : null;

    /// <summary>The figures of the first thread named <paramref name="name"/> (Linux truncates names to 15 characters); null where /proc is missing or no such thread runs.</summary>
    public static ThreadStatSample? Of(string name)
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        string wanted = name.Length > 15 ? name[..15] : name;
        foreach (string task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != wanted)
                {
                    continue;
                }

                return Read(task, int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int threadId) ? CpuClock.OfThread(threadId) : null);
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return null;
    }

    // Fields after the parenthesised name: state is field 3, minflt 10, utime and stime 14 and 15.
    // The CPU time is the thread's CPU clock where it could be read, which counts what stat's
    // ticks leave out.
    private static ThreadStatSample Read(string taskFolder, TimeSpan? cpuTime)
    {
        string stat = File.ReadAllText(Path.Combine(taskFolder, "stat"));
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long minorFaults = long.Parse(fields[7], CultureInfo.InvariantCulture);
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ThreadStatSample(cpuTime ?? TimeSpan.FromSeconds((utime + stime) / TicksPerSecond), minorFaults, Preemptions(File.ReadAllText(Path.Combine(taskFolder, "status"))), RunDelay(Path.Combine(taskFolder, "schedstat")));
    }

    // schedstat's second field: nanoseconds spent runnable on a run queue, waiting for a CPU.
    private static TimeSpan RunDelay(string schedstatFile) =>
        File.Exists(schedstatFile) && MachineTasks.TryParseSchedstat(File.ReadAllText(schedstatFile), out _, out long waitNs)
            ? TimeSpan.FromTicks(waitNs / 100)
            : TimeSpan.MinValue;

    /// <summary>
    /// The <c>nonvoluntary_ctxt_switches</c> of a task's <c>status</c>: how often the scheduler took
    /// its CPU away while it could still run (to give it to another task), as against the waits it
    /// chose itself. -1 where the line is missing.
    /// </summary>
    public static long Preemptions(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        const string Key = "nonvoluntary_ctxt_switches:";
        int at = status.IndexOf(Key, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        var value = status.AsSpan(at + Key.Length);
        int end = value.IndexOf('\n');
        return long.TryParse(end < 0 ? value : value[..end], NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out long count) ? count : -1;
    }
}
