using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Work run through <see cref="PinnedThread"/> runs on its own thread on that core, leaves the caller's affinity alone, and its failures reach the caller.</summary>
public sealed class PinnedThreadTests
{
    [Fact]
    public void TheWorkRunsOnItsOwnNamedThreadOnTheCoreAndTheCallerKeepsItsAffinity()
    {
        int core = CpuAffinity.AllowedCores[^1];
        if (!CpuAffinity.IsSupported)
        {
            // Where no thread can be pinned, the work does not run unpinned in silence.
            Assert.Throws<InvalidOperationException>(() => PinnedThread.Run(core, "pinned-work", () => 1));
            return;
        }

        var callerCores = CpuAffinity.AllowedCores;
        int caller = Environment.CurrentManagedThreadId;
        var (thread, name, cores) = PinnedThread.Run(core, "pinned-work", () =>
        {
            var onCores = new HashSet<int>();
            for (int i = 0; i < 1000; i++)
            {
                onCores.Add(CpuAffinity.CurrentCore);
                Thread.Yield();
            }

            return (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name, onCores);
        });

        Assert.NotEqual(caller, thread);
        Assert.Equal("pinned-work", name);
        Assert.Equal([core], cores);
        Assert.Equal(callerCores, CpuAffinity.AllowedCores);
    }

    [Fact]
    public void TheWorksExceptionReachesTheCallerAndARefusedCoreSaysWhy()
    {
        var thrown = Assert.Throws<FormatException>(() => PinnedThread.Run<int>(CpuAffinity.AllowedCores[0], "failing-work", () => throw new FormatException("bad input")));
        Assert.Equal("bad input", thrown.Message);

        var refused = Assert.Throws<InvalidOperationException>(() => PinnedThread.Run(1023, "refused-work", () => 1));
        Assert.Contains("core 1023", refused.Message, StringComparison.Ordinal);
    }
}
