using Engine.Bench.Workloads;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Bench;

/// <summary>
/// The machine's floor under a paced pipeline: the sweep that reads each due time's lateness from
/// the threads' stalls, and the stalled time, against brute-force models over random stalls; and a
/// measurement with more spinning threads than cores, where the scheduler must stall them.
/// </summary>
public sealed class HiccupFloorTests
{
    // A thread's stalls as (gap before, length) pairs: sorted and apart by construction.
    private static readonly Gen<(long Start, long End)[]> Stalls =
        Gen.ListOf(from gap in Gen.Choose(0, 40) from length in Gen.Choose(1, 30) select (Gap: gap, Length: length))
            .Select(pairs =>
            {
                long at = 0;
                var stalls = new List<(long, long)>();
                foreach (var (gap, length) in pairs)
                {
                    at += gap;
                    stalls.Add((at, at + length));
                    at += length;
                }

                return stalls.ToArray();
            });

    [Fact]
    public void EachDueTimeIsAsLateAsTheLongestStallStillRunningAtIt()
    {
        var threads = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Stalls, n));
        var schedule = from first in Gen.Choose(-10, 20) from step in Gen.Choose(0, 7) from count in Gen.Choose(0, 150) select (First: first, Step: step, Count: count);
        Prop.ForAll(threads.ToArbitrary(), schedule.ToArbitrary(), (stalls, due) =>
        {
            var sweep = new StallSweep(stalls.Select(Record).ToArray());
            for (int k = 0; k < due.Count; k++)
            {
                long at = due.First + ((long)k * due.Step);
                long expected = stalls.SelectMany(s => s).Where(s => s.Start < at && at < s.End).Select(s => s.End - at).DefaultIfEmpty(0).Max();
                Assert.Equal(expected, sweep.LatenessAt(at));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TheStalledTimeIsTheTimeSomeThreadWasStalledWithinTheWindow()
    {
        var threads = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Stalls, n));
        var window = from start in Gen.Choose(-5, 60) from length in Gen.Choose(0, 400) select (From: (long)start, Until: (long)start + length);
        Prop.ForAll(threads.ToArbitrary(), window.ToArbitrary(), (stalls, w) =>
        {
            long expected = 0;
            for (long t = w.From; t < w.Until; t++)
            {
                expected += stalls.Any(s => s.Any(x => x.Start <= t && t < x.End)) ? 1 : 0;
            }

            Assert.Equal(expected, HiccupFloor.StalledTime(stalls.Select(Record).ToArray(), w.From, w.Until));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ARecordRefusesAStallThatOverlapsTheLastAndCountsThoseThatDoNotFit()
    {
        var record = new StallRecord(2);
        record.Add(10, 20);
        Assert.Throws<ArgumentException>(() => record.Add(15, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => record.Add(40, 35));
        record.Add(20, 25);
        record.Add(30, 31);
        Assert.Equal(2, record.Count);
        Assert.Equal(1, record.Dropped);
        Assert.Equal((20, 25), (record.StartAt(1), record.EndAt(1)));
    }

    [Fact]
    public void ASweepRefusesADueTimeBeforeTheLastOne()
    {
        var sweep = new StallSweep([Record([(0, 10)])]);
        Assert.Equal(5, sweep.LatenessAt(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.LatenessAt(4));
    }

    [Fact]
    public void MoreSpinningThreadsThanCoresAreStalledByTheSchedulerAndTheFloorShowsIt()
    {
        // Each of cores + 1 spinners can hold a core only part of the time: the scheduler's
        // time slices (milliseconds) leave some thread stalled almost all the time.
        int threads = Environment.ProcessorCount + 1;
        var floor = HiccupFloor.Measure(threads, rate: 10_000, TimeSpan.FromMilliseconds(400));
        Assert.Equal(threads, floor.Threads);
        Assert.Equal(4_000, floor.Ticks);
        Assert.True(floor.StalledFraction is > 0.3 and <= 1, $"stalled {floor.StalledFraction:P1}");
        Assert.True(floor.LateFraction > 0.3, $"late {floor.LateFraction:P1}");
        Assert.True(floor.MaxNs >= 100_000, $"max {floor.MaxNs:N0} ns");
        Assert.True(floor.P50Ns <= floor.P99Ns && floor.P99Ns <= floor.P999Ns && floor.P999Ns <= floor.MaxNs);
        Assert.Equal(0, floor.Dropped);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HiccupFloor.Measure(0, 1_000, TimeSpan.FromMilliseconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => HiccupFloor.Measure(1, 0, TimeSpan.FromMilliseconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => HiccupFloor.Measure(1, 1_000, TimeSpan.Zero));
    }

    private static StallRecord Record((long Start, long End)[] stalls)
    {
        var record = new StallRecord(Math.Max(1, stalls.Length));
        foreach (var (start, end) in stalls)
        {
            record.Add(start, end);
        }

        return record;
    }
}
