using System.Runtime.InteropServices;
using Engine.Bench.Workloads;

namespace Engine.Tests.Bench;

/// <summary>
/// A thread's figures from /proc: a first write into fresh pages shows as that thread's page
/// faults, and its CPU time only grows. The pipeline benchmark reports both for each engine thread.
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
}
