using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// A stage that reads the process's allocated bytes once, on the consumer thread, when the
/// <paramref name="atTick"/>-th tick reaches it: what was allocated after it, over the ticks after
/// it, is the steady state, apart from what building the pipeline and its first inputs cost.
/// </summary>
public sealed class AllocationMark(long atTick) : IEventHandler<RingEvent>
{
    private long _ticks;
    private long _allocatedAtMark = -1;
    private int _segmentsOpenedAfterMark;

    /// <inheritdoc/>
    public string Name => "allocation-mark";

    /// <summary>Bytes allocated by the process when the mark was passed; -1 before (readable from any thread).</summary>
    public long AllocatedAtMark => Volatile.Read(ref _allocatedAtMark);

    /// <summary>Called on the consumer thread at the mark (the pipeline's request for each thread's own count).</summary>
    public Action? OnMark { get; set; }

    /// <summary>The tick the mark is at.</summary>
    public long AtTick => atTick;

    /// <summary>
    /// Journal segments the replay opened once the mark was passed: opening one (mapping it,
    /// reading its header) allocates a few hundred bytes once per segment, not per tick, and it
    /// falls inside the steady state's count.
    /// </summary>
    public int SegmentsOpenedAfterMark => Volatile.Read(ref _segmentsOpenedAfterMark);

    /// <summary>The replay's <see cref="Engine.Journal.Replay.ReplayOptions.OnSegment"/>: counts the segments opened after the mark (on the producer's thread).</summary>
    public void OnSegment(int index, int count)
    {
        if (AllocatedAtMark >= 0)
        {
            Interlocked.Increment(ref _segmentsOpenedAfterMark);
        }
    }

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.Tick && ++_ticks == atTick)
        {
            Volatile.Write(ref _allocatedAtMark, GC.GetTotalAllocatedBytes(precise: true));
            OnMark?.Invoke();
        }
    }
}
