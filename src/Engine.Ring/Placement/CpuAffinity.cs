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

    /// <summary>
    /// The cores this process may run on (its main thread's affinity, as <c>taskset</c> or a
    /// container's cpuset leave it), ascending; where that cannot be asked, 0 to the core count − 1.
    /// A core to pin to must be one of these.
    /// </summary>
    public static unsafe IReadOnlyList<int> AllowedCores
    {
        get
        {
            if (IsSupported)
            {
                ulong* mask = stackalloc ulong[MaxCores / 64];
                new Span<ulong>(mask, MaxCores / 64).Clear();
                try
                {
                    if (sched_getaffinity(Environment.ProcessId, MaxCores / 8, mask) == 0)
                    {
                        var cores = new List<int>();
                        for (int core = 0; core < MaxCores; core++)
                        {
                            if ((mask[core / 64] & (1UL << (core % 64))) != 0)
                            {
                                cores.Add(core);
                            }
                        }

                        if (cores.Count > 0)
                        {
                            return cores;
                        }
                    }
                }
                catch (EntryPointNotFoundException)
                {
                }
            }

            return Enumerable.Range(0, Environment.ProcessorCount).ToArray();
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

        var allowed = AllowedCores;
        if (core < 0 || core >= MaxCores || !allowed.Contains(core))
        {
            reason = $"core {core} does not exist here or is not one this process may run on (allowed: {Describe(allowed)}), so the thread runs unpinned";
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

    // "0-3,6" rather than a long list.
    private static string Describe(IReadOnlyList<int> cores)
    {
        var parts = new List<string>();
        for (int i = 0; i < cores.Count;)
        {
            int j = i;
            while (j + 1 < cores.Count && cores[j + 1] == cores[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{cores[i]}" : $"{cores[i]}-{cores[j]}");
            i = j + 1;
        }

        return string.Join(',', parts);
    }

#pragma warning disable CA5392, SYSLIB1054 // libc is found by the runtime's own probing
    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int sched_setaffinity(int pid, nint cpusetsize, ulong* mask);

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int sched_getaffinity(int pid, nint cpusetsize, ulong* mask);

    [DllImport("libc")]
    private static extern int sched_getcpu();
#pragma warning restore CA5392, SYSLIB1054
}
