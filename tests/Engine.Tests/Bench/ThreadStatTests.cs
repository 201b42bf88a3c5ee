using System.Runtime.InteropServices;
using Engine.Bench.Workloads;
using Engine.Ring;

namespace Engine.Tests.Bench;

/// <summary>
/// A thread's figures from /proc: a first write into fresh pages shows as that thread's page
/// faults, its CPU time only grows, and a core shared with another busy thread shows as
/// preemptions. The pipeline benchmark reports each for each engine thread.
/// </summary>
public sealed class ThreadStatTests
{
    [Fact]
    public unsafe void FirstWritesIntoFreshPagesAreTheWritingThreadsPageFaults()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // 16 MiB mapped anonymously is fresh, none of it written yet (the C allocator could hand
        // back memory an earlier free left written).
        const int Pages = 4096;
        const int ProtectReadWrite = 0x1 | 0x2;
        const int MapPrivateAnonymous = 0x02 | 0x20;
        byte* memory = (byte*)mmap(0, Pages * 4096, ProtectReadWrite, MapPrivateAnonymous, -1, 0);
        Assert.NotEqual(-1, (nint)memory);
        try
        {
            var before = ThreadStat.OfCurrentThread()!.Value;
            for (int page = 0; page < Pages; page++)
            {
                memory[page * 4096] = 1;
            }

            var after = ThreadStat.OfCurrentThread()!.Value;
            long faults = after.MinorFaults - before.MinorFaults;
            Assert.True(faults >= Pages / 2, $"{faults} page faults for {Pages} fresh pages");
            Assert.True(after.CpuTime >= before.CpuTime);

            // Written once, the pages are mapped: writing them again takes no faults.
            var again = ThreadStat.OfCurrentThread()!.Value;
            for (int page = 0; page < Pages; page++)
            {
                memory[page * 4096] = 2;
            }

            Assert.True(ThreadStat.OfCurrentThread()!.Value.MinorFaults - again.MinorFaults < Pages / 16);
        }
        finally
        {
            Assert.Equal(0, munmap((nint)memory, Pages * 4096));
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint address, nint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(nint address, nint length);

    [Fact]
    public void AThreadIsFoundByItsName()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var started = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var thread = new Thread(() =>
        {
            started.Set();
            release.Wait();
        }) { Name = "stat-test-thread", IsBackground = true };
        thread.Start();
        started.Wait();
        try
        {
            Assert.NotNull(ThreadStat.Of("stat-test-thread"));
            Assert.Null(ThreadStat.Of("no-such-thread-here"));
        }
        finally
        {
            release.Set();
            thread.Join();
        }
    }

    // The pipeline benchmark's fast run lasts tens of milliseconds: a CPU time counted in the
    // 10 ms clock ticks of /proc's stat read 0 for a logic thread that ran all of it.
    [Fact]
    public void CpuTimeCountsAFewMillisecondsOfWorkOnThisThreadAndAnother()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The wall clock encloses both readings, each of which takes CPU time of its own.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var before = ThreadStat.OfCurrentThread()!.Value;
        SpinFor(TimeSpan.FromMilliseconds(2));
        var after = ThreadStat.OfCurrentThread()!.Value;
        var elapsed = clock.Elapsed;
        var ran = after.CpuTime - before.CpuTime;
        Assert.True(ran > TimeSpan.Zero, $"this thread ran {ran.TotalMilliseconds} ms of CPU in a {elapsed.TotalMilliseconds} ms spin");
        Assert.True(ran <= elapsed, $"this thread ran {ran.TotalMilliseconds} ms of CPU in {elapsed.TotalMilliseconds} ms");

        using var spun = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var other = new Thread(() =>
        {
            SpinFor(TimeSpan.FromMilliseconds(2));
            spun.Set();
            release.Wait();
        }) { Name = "stat-test-cpu", IsBackground = true };
        var otherClock = System.Diagnostics.Stopwatch.StartNew();
        other.Start();
        spun.Wait();
        try
        {
            var otherRan = ThreadStat.Of("stat-test-cpu")!.Value.CpuTime;
            Assert.True(otherRan > TimeSpan.Zero, $"the other thread ran {otherRan.TotalMilliseconds} ms of CPU in a 2 ms spin");
            Assert.True(otherRan <= otherClock.Elapsed, $"the other thread ran {otherRan.TotalMilliseconds} ms of CPU in {otherClock.Elapsed.TotalMilliseconds} ms");
        }
        finally
        {
            release.Set();
            other.Join();
        }
    }

    private static void SpinFor(TimeSpan span)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
        }
    }

    [Fact]
    public void PreemptionsAreTheInvoluntarySwitchesOfTheStatus()
    {
        const string Status = "Name:\tengine-logic\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t345\n";

        Assert.Equal(345, ThreadStat.Preemptions(Status));
        Assert.Equal(345, ThreadStat.Preemptions(Status.TrimEnd('\n')));
        Assert.Equal(-1, ThreadStat.Preemptions("Name:\tx\nvoluntary_ctxt_switches:\t12\n"));
    }

    [Fact]
    public void AThreadSharingItsCoreWithAnotherBusyThreadIsPreemptedAndWaitsForIt()
    {
        if (!OperatingSystem.IsLinux() || !CpuAffinity.IsSupported)
        {
            return;
        }

        int core = CpuAffinity.AllowedCores[0];
        using var stop = new ManualResetEventSlim(false);
        var rival = new Thread(() =>
        {
            CpuAffinity.TryPinCurrentThread(core, out _);
            SpinWait.SpinUntil(() => stop.IsSet);
        }) { Name = "stat-test-rival", IsBackground = true };

        ThreadStatSample? before = null, after = null;
        bool pinned = false;
        string? reason = null;
        var measured = new Thread(() =>
        {
            pinned = CpuAffinity.TryPinCurrentThread(core, out reason);
            before = ThreadStat.OfCurrentThread();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 300)
            {
            }

            after = ThreadStat.OfCurrentThread();
        }) { Name = "stat-test-spin" };

        rival.Start();
        measured.Start();
        measured.Join();
        stop.Set();
        rival.Join();

        Assert.True(pinned, reason);
        long preemptions = after!.Value.Preemptions - before!.Value.Preemptions;
        Assert.True(before.Value.Preemptions >= 0, "no preemption count read");
        Assert.True(preemptions > 0, $"{preemptions} preemptions in 300 ms spinning beside another busy thread on core {core}");

        // Each preemption is a wait on the run queue behind the rival.
        var waited = after.Value.RunDelay - before.Value.RunDelay;
        Assert.True(before.Value.RunDelay != TimeSpan.MinValue, "no run delay read");
        Assert.True(waited > TimeSpan.Zero, $"waited {waited.TotalMilliseconds} ms for the shared core");
    }
}
