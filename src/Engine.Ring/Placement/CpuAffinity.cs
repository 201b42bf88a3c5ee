using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// Pins the calling thread to one CPU core (Linux <c>sched_setaffinity</c>). Elsewhere, or when the
/// core does not exist or the call is refused, pinning fails with a reason instead of throwing:
/// an unpinned consumer still works, only with less predictable latency.
/// </summary>
public static class CpuAffinity
{
    private const int MaxCores = 1024;

    /// <summary>True where pinning can work at all (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The core the calling thread runs on now, or -1 where that cannot be asked.</summary>
    public static int CurrentCore
    {
        get
        {
            if (!IsSupported)
            {
                return -1;
            }

            try
            {
                return sched_getcpu();
            }
            catch (EntryPointNotFoundException)
            {
                return -1;
            }
        }
    }

    /// <summary>Pins the calling thread to <paramref name="core"/>; on failure <paramref name="reason"/> says why.</summary>
    public static unsafe bool TryPinCurrentThread(int core, out string? reason)
    {
        if (!IsSupported)
        {
            reason = $"CPU pinning needs Linux (sched_setaffinity); this is {RuntimeInformation.OSDescription}, so the thread runs unpinned";
            return false;
        }

        if (core < 0 || core >= Math.Min(Environment.ProcessorCount, MaxCores))
        {
            reason = $"core {core} does not exist here (cores 0-{Environment.ProcessorCount - 1}), so the thread runs unpinned";
            return false;
        }

        ulong* mask = stackalloc ulong[MaxCores / 64];
        new Span<ulong>(mask, MaxCores / 64).Clear();
        mask[core / 64] = 1UL << (core % 64);
        if (sched_setaffinity(0, MaxCores / 8, mask) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            reason = $"sched_setaffinity to core {core} failed (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}), so the thread runs unpinned";
            return false;
        }

        reason = null;
        return true;
    }

#pragma warning disable CA5392, SYSLIB1054 // libc is found by the runtime's own probing
    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int sched_setaffinity(int pid, nint cpusetsize, ulong* mask);

    [DllImport("libc")]
    private static extern int sched_getcpu();
#pragma warning restore CA5392, SYSLIB1054
}
