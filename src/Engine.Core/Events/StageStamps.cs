using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Engine.Core.Events;

/// <summary>
/// When each stage finished with an input, in <see cref="Stopwatch"/> ticks (monotonic; on Linux
/// one tick is one nanosecond). Zero means "not stamped". Stamping is on when the door was built
/// with it (the journal's <c>latency</c> setting): the door stamps <see cref="Received"/>, and
/// every later stage stamps its own field only when <see cref="Received"/> is set, so a run
/// without it pays one compare per stage. Never journaled as an input, so replay stays exact.
/// </summary>
public struct StageStamps
{
    /// <summary>The door claimed the slot for the input (its frame had been read).</summary>
    public long Received;

    /// <summary>The input was decoded into the slot and published.</summary>
    public long Published;

    /// <summary>The strategies were done with it.</summary>
    public long Decided;

    /// <summary>The risk gate was done with it.</summary>
    public long Judged;

    /// <summary>Its records were in the journal (flushed at once when it carried an order).</summary>
    public long Journaled;

    /// <summary>True when this input is being stamped.</summary>
    public readonly bool IsOn => Received != 0;

    /// <summary>Now, for a stage to store in its field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Nanoseconds from a stamp (ticks of <see cref="Stopwatch"/>), for records and reports.</summary>
    public static long ToNanoseconds(long ticks) => Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
}
