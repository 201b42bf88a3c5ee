using System.Globalization;
using Engine.Bench.Workloads;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Bench;

/// <summary>
/// What else ran on the machine during a paced run: every task outside this process read from
/// /proc before and after, the difference by name. A busy process started for the test shows with
/// its time, the test's own threads never do, and the parser takes only schedstat's three numbers.
/// </summary>
public sealed class MachineTasksTests
{
    [Fact]
    public void ParsingTakesTheRunAndWaitTimesOfAnyThreeNumberLineAndRejectsEverythingElse()
    {
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).SelectMany(a => Gen.Choose(0, int.MaxValue).Select(b => (long)a * b)).ToArbitrary(),
            ArbMap.Default.ArbFor<NonNegativeInt>(),
            ArbMap.Default.ArbFor<NonNegativeInt>(),
            (run, wait, slices) =>
            {
                string line = string.Create(CultureInfo.InvariantCulture, $"{run} {wait.Get} {slices.Get}");
                bool whole = MachineTasks.TryParseSchedstat(line + "\n", out long parsed, out long waited) && parsed == run && waited == wait.Get
                    && MachineTasks.TryParseSchedstat(line, out parsed, out waited) && parsed == run && waited == wait.Get;
                bool rejected = !MachineTasks.TryParseSchedstat($"{run} {wait.Get}", out _, out _)
                    && !MachineTasks.TryParseSchedstat($"{line} 7", out _, out _)
                    && !MachineTasks.TryParseSchedstat($"-{run} {wait.Get} {slices.Get}", out _, out _)
                    && !MachineTasks.TryParseSchedstat($"{run}x {wait.Get} {slices.Get}", out _, out _)
                    && !MachineTasks.TryParseSchedstat($"{run}  {wait.Get} {slices.Get}", out _, out _);
                return whole && rejected;
            }).QuickCheckThrowOnFailure();

        Assert.False(MachineTasks.TryParseSchedstat("", out _, out _));
    }

    [Fact]
    public void TheDifferenceIsWhatEachNameRanSinceMostFirst()
    {
        Prop.ForAll(
            ArbMap.Default.ArbFor<NonNegativeInt[]>(),
            ArbMap.Default.ArbFor<NonNegativeInt[]>(),
            (starts, increments) =>
            {
                var before = new Dictionary<int, (string, long)>();
                var after = new Dictionary<int, (string, long)>();
                long expected = 0;
                for (int tid = 0; tid < starts.Length; tid++)
                {
                    string name = $"task-{tid % 3}";
                    long ran = tid < increments.Length ? increments[tid].Get : 0;
                    before[tid] = (name, starts[tid].Get);
                    after[tid] = (name, starts[tid].Get + ran);
                    expected += ran;
                }

                // A task that began in the window counts in whole.
                after[starts.Length] = ("task-new", 5);
                var since = new MachineTaskSnapshot(after).Since(new MachineTaskSnapshot(before));
                return since.Sum(t => t.CpuNs) == expected + 5
                    && since.All(t => t.CpuNs > 0)
                    && since.Select(t => t.Name).Distinct().Count() == since.Count
                    && since.Zip(since.Skip(1)).All(p => p.First.CpuNs >= p.Second.CpuNs);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ATaskThatRenamedItselfCountsOnlyWhatItRanSinceUnderItsNewName()
    {
        // A kernel worker's name carries the queue it serves: its whole run is not the window's.
        var before = new MachineTaskSnapshot(new() { [40] = ("kworker/1:0-virtio_vsock", 90_000_000_000) });
        var after = new MachineTaskSnapshot(new() { [40] = ("kworker/1:0-events", 90_000_250_000) });

        Assert.Equal([new TaskCpu("kworker/1:0-events", 250_000)], after.Since(before));
    }

    [Theory]
    [InlineData("kworker/1:0-virtio_vsock", "kworker/1:0")]
    [InlineData("kworker/u8:1-flush-254:0", "kworker/u8:1")]
    [InlineData("kworker/0:2", "kworker/0:2")]
    [InlineData("kdamond.0", "kdamond.0")]
    [InlineData("rcu-tasks-kthre", "rcu-tasks-kthre")]
    public void AKernelWorkersNameLosesTheQueueItServesAtTheMoment(string comm, string name) =>
        Assert.Equal(name, MachineTasks.StableName(comm));

    [Fact]
    public void AThreadIdTakenOverByANewTaskCountsTheNewTasksWholeRun()
    {
        var before = new MachineTaskSnapshot(new() { [7] = ("old", 1_000_000), [8] = ("kept", 400) });
        var after = new MachineTaskSnapshot(new() { [7] = ("new", 300), [8] = ("kept", 1_000) });

        Assert.Equal([new TaskCpu("kept", 600), new TaskCpu("new", 300)], after.Since(before));
    }

    [Fact]
    public void ABusyProcessShowsWithItsTimeAndThisProcessNeverDoes()
    {
        if (!MachineTasks.IsSupported)
        {
            return;
        }

        using var busy = new BusyShell();
        using var stop = new ManualResetEventSlim(false);
        var own = new Thread(() => SpinWait.SpinUntil(() => stop.IsSet)) { Name = "tasks-own-spin", IsBackground = true };
        try
        {
            var before = MachineTasks.Take()!;
            own.Start();
            Thread.Sleep(400);
            var after = MachineTasks.Take()!;
            var since = after.Since(before);

            Assert.True(before.Count > 1, $"{before.Count} tasks read");
            long shell = since.Where(t => t.Name == BusyShell.Name).Sum(t => t.CpuNs);
            Assert.True(shell >= 20_000_000, $"the busy shell ran {shell:N0} ns of 400 ms: {string.Join(", ", since.Take(5))}");
            Assert.DoesNotContain(since, t => t.Name == "tasks-own-spin");
        }
        finally
        {
            stop.Set();
            if (own.ThreadState != System.Threading.ThreadState.Unstarted)
            {
                own.Join();
            }
        }
    }
}
