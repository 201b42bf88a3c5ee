using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// Sleeps for less than a millisecond. <see cref="Thread.Sleep(int)"/> cannot go below 1 ms,
/// which is far too coarse for a trading engine's idle consumer; Linux <c>nanosleep</c> can.
/// </summary>
internal static class ShortSleep
{
    private static readonly bool s_hasNanosleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>
    /// Binds the native import now. The runtime resolves a P/Invoke on its first call, and that
    /// allocates (80 bytes here), so the first sleep of an idle consumer would allocate on the
    /// hot path; a wait strategy calls this when it is made.
    /// </summary>
    public static void Bind()
    {
        if (s_hasNanosleep)
        {
            Sleep(1);
        }
    }

    public static void Sleep(long nanoseconds)
    {
        if (s_hasNanosleep)
        {
            var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = nanosleep(in request, IntPtr.Zero);
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
#pragma warning disable CA5392, SYSLIB1054 // libc is resolved by the runtime's probing; a plain import keeps the struct passing simple
    private static extern int nanosleep(in Timespec request, IntPtr remaining);
#pragma warning restore CA5392, SYSLIB1054
}
