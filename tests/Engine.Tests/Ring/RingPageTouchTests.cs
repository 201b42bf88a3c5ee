using System.Runtime.InteropServices;
using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>
/// A new ring's memory is mapped before its first publish: writing every slot of the first lap
/// takes almost no page faults on the writing thread. Were the pages left for the OS to map on
/// first write, the producer would fault about once per page of slots, on the hot path, for the
/// whole first lap (a paced replay's first 4,096 ticks fell up to 16 ms behind that way).
/// </summary>
public sealed class RingPageTouchTests
{
    private const int PageBytes = 4096;

    [Fact]
    public void TheFirstLapOfANewRingTakesAlmostNoPageFaults()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // 8,192 page-sized slots: 32 MiB, more than any earlier test left for the runtime to reuse,
        // so the array comes from fresh pages of the OS.
        const int Slots = 8192;
        var ring = new RingBuffer<PageSizedEvent>(Slots);
        long before = MinorFaultsOfThisThread();
        for (long sequence = 0; sequence < Slots; sequence++)
        {
            ring[sequence].Value = sequence;
        }

        long faults = MinorFaultsOfThisThread() - before;
        long pages = (long)Slots * ring.SlotSize / PageBytes;
        Assert.True(faults < pages / 16, $"{faults} page faults while writing the first lap of {pages} pages");
        Assert.Equal(Slots - 1, ring[Slots - 1].Value);
    }

    [Fact]
    public void TouchingThePagesLeavesEverySlotAsTheInitializerMadeIt()
    {
        var ring = new RingBuffer<PageSizedEvent>(64, initializeSlot: (ref PageSizedEvent slot) => slot.Value = 7);
        for (long sequence = 0; sequence < 64; sequence++)
        {
            Assert.Equal(7, ring[sequence].Value);
        }
    }

    private static long MinorFaultsOfThisThread()
    {
        const int RusageThread = 1;
        Assert.Equal(0, getrusage(RusageThread, out var usage));
        return usage.MinorFaults;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out ResourceUsage usage);

    [StructLayout(LayoutKind.Sequential, Size = PageBytes)]
    private struct PageSizedEvent
    {
        public long Value;
    }

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxResidentKilobytes;
        public long SharedText;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlockInputs;
        public long BlockOutputs;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}
