using Engine.Bench.Workloads;
using Engine.Journal.Reading;

namespace Engine.Tests.Journal;

/// <summary>
/// A segment buffer's memory is mapped when the buffer is made: a paced replay reads the next
/// segment into it a piece at a time in its waits between due ticks, each piece sized for the
/// page cache's speed, and a page fault per fresh page made those pieces overrun the waits
/// (32,771 faults on the producer in one paced run once full-speed replays stopped warming the
/// buffers by reading into them).
/// </summary>
public sealed class SegmentBufferPageTests
{
    private const int PageBytes = 4096;

    [Fact]
    public void WritingANewSegmentBufferTakesAlmostNoPageFaults()
    {
        if (ThreadStat.OfCurrentThread() is null)
        {
            return;
        }

        // 48 MiB: more than earlier tests leave for the runtime to reuse, so the pages are fresh.
        const int Bytes = 48 << 20;
        byte[]? slot = null;
        byte[] buffer = SegmentBuffers.Ensure(ref slot, Bytes);
        long before = ThreadStat.OfCurrentThread()!.Value.MinorFaults;
        for (int offset = 0; offset < Bytes; offset += PageBytes)
        {
            buffer[offset] = 1;
        }

        long faults = ThreadStat.OfCurrentThread()!.Value.MinorFaults - before;
        Assert.True(faults < Bytes / PageBytes / 16, $"{faults} page faults while writing {Bytes / PageBytes} pages of a new buffer");
        Assert.Same(buffer, slot);
    }

    [Fact]
    public void ABufferBigEnoughIsKept()
    {
        byte[]? slot = null;
        byte[] first = SegmentBuffers.Ensure(ref slot, 10_000);
        Assert.Same(first, SegmentBuffers.Ensure(ref slot, 10_000));
        Assert.Same(first, SegmentBuffers.Ensure(ref slot, 11_000));
        Assert.NotSame(first, SegmentBuffers.Ensure(ref slot, 20_000));
        Assert.True(slot!.Length >= 20_000);
    }
}
