using System.Globalization;

namespace Engine.Bench.Workloads;

/// <summary>What a named thread of this process has used so far (CPU time, page faults), from Linux's <c>/proc/self/task/TID/stat</c>.</summary>
public static class ThreadStat
{
    // Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The calling thread's figures; null where /proc is missing.</summary>
    public static ThreadStatSample? OfCurrentThread() => File.Exists("/proc/thread-self/stat") ? Read("/proc/thread-self/stat") : null;

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

                return Read(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return null;
    }

    // Fields after the parenthesised name: state is field 3, minflt 10, utime and stime 14 and 15.
    private static ThreadStatSample Read(string statFile)
    {
        string stat = File.ReadAllText(statFile);
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long minorFaults = long.Parse(fields[7], CultureInfo.InvariantCulture);
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ThreadStatSample(TimeSpan.FromSeconds((utime + stime) / TicksPerSecond), minorFaults);
    }
}
