using System.Globalization;

namespace Engine.Bench.Workloads;

/// <summary>The CPU time (user and system) a named thread of this process has used, from Linux's <c>/proc/self/task/TID/stat</c>.</summary>
public static class ThreadCpuTime
{
    // Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time of the calling thread; null where /proc is missing.</summary>
    public static TimeSpan? OfCurrentThread() => File.Exists("/proc/thread-self/stat") ? Read("/proc/thread-self/stat") : null;

    /// <summary>The CPU time of the first thread named <paramref name="name"/> (Linux truncates names to 15 characters); null where /proc is missing or no such thread runs.</summary>
    public static TimeSpan? Of(string name)
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

    // Fields after the parenthesised name: state is field 3; utime and stime are 14 and 15.
    private static TimeSpan Read(string statFile)
    {
        string stat = File.ReadAllText(statFile);
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }
}
