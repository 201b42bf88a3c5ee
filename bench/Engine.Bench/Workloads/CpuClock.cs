using System.Runtime.InteropServices;

namespace Engine.Bench.Workloads;

/// <summary>
/// CPU time to the nanosecond from the kernel's CPU-time clocks (<c>clock_gettime</c>), for a thread
/// of this process or the whole process. /proc's <c>stat</c> counts in clock ticks of 10 ms, which
/// reads a run of a few tens of milliseconds as 0, 1 or 2 ticks; <c>schedstat</c> is exact but
/// leaves out the slice a running thread is in.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTimeClock = 2;
    private const int ThreadCpuTimeClock = 3;

    // A thread's own clock id, as glibc's pthread_getcpuclockid builds it: the complement of its id,
    // shifted past the 3 bits that say "per thread" (4) and "scheduler's run time" (2).
    private static int ClockOfThread(int threadId) => (~threadId << 3) | 4 | 2;

    /// <summary>The calling thread's CPU time; null where the clock is missing.</summary>
    public static TimeSpan? OfCurrentThread() => Read(ThreadCpuTimeClock);

    /// <summary>The CPU time of this process's thread <paramref name="threadId"/> (its Linux task id); null where the clock is missing or the thread has ended.</summary>
    public static TimeSpan? OfThread(int threadId) => Read(ClockOfThread(threadId));

    /// <summary>The CPU time of every thread this process has run, ended ones included; null where the clock is missing.</summary>
    public static TimeSpan? OfProcess() => Read(ProcessCpuTimeClock);

    private static TimeSpan? Read(int clock)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return clock_gettime(clock, out var time) == 0 ? TimeSpan.FromTicks((time.Seconds * 1_000_000_000 + time.Nanoseconds) / 100) : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
