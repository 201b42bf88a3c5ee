using System.Diagnostics;

namespace Engine.Core.Time;

/// <summary>
/// The wall clock, read only at the edge of the engine (stamping received input). Business logic
/// never calls it: it reads times from events, which is what makes replay deterministic.
/// Monotonic within a process: a fixed wall-clock origin plus the high-resolution stopwatch.
/// </summary>
public static class UnixTime
{
    private static readonly long s_originNs = DateTime.UtcNow.Subtract(DateTime.UnixEpoch).Ticks * 100;
    private static readonly long s_originTimestamp = Stopwatch.GetTimestamp();
    private static readonly double s_nsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Now, in Unix nanoseconds.</summary>
    public static long NowNanoseconds() => s_originNs + (long)((Stopwatch.GetTimestamp() - s_originTimestamp) * s_nsPerTick);

    /// <summary>India Standard Time: UTC+05:30, no daylight saving.</summary>
    public static readonly TimeSpan IstOffset = TimeSpan.FromMinutes(330);

    /// <summary>Unix nanoseconds as an IST date and time.</summary>
    public static DateTimeOffset ToIst(long unixNanoseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixNanoseconds / 1_000_000).AddTicks(unixNanoseconds % 1_000_000 / 100).ToOffset(IstOffset);
}
