using System.Globalization;
using Engine.Bench.Workloads;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Bench;

/// <summary>
/// The machine's activity besides this process over a window: /proc/stat's first line parsed
/// field by field, and a busy process started for the test counted in cores' worth.
/// </summary>
public sealed class MachineActivityTests
{
    [Fact]
    public void TheCpuLineGivesItsTotalInterruptsAndStealAndNothingElseParses()
    {
        Prop.ForAll(
            ArbMap.Default.ArbFor<NonNegativeInt[]>().Filter(a => a.Length >= 8),
            fields =>
            {
                long[] values = fields.Select(f => (long)f.Get).ToArray();
                string line = "cpu  " + string.Join(' ', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
                bool parsed = MachineActivity.TryParseCpuLine(line + "\n", out var times);
                bool rightFields = times.Total == values.Take(8).Sum() && times.Interrupts == values[5] + values[6] && times.Steal == values[7];
                bool othersRejected = !MachineActivity.TryParseCpuLine("cpu0 " + string.Join(' ', values), out _)
                    && !MachineActivity.TryParseCpuLine("cpu " + string.Join(' ', values.Take(7)), out _)
                    && !MachineActivity.TryParseCpuLine("cpu " + string.Join(' ', values).Replace(' ', 'x'), out _);
                return parsed && rightFields && othersRejected;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ABusyProcessCountsInCoresWorthOverTheWindow()
    {
        if (MachineActivity.Begin() is null)
        {
            return;
        }

        using (new BusyShell())
        {
            var activity = MachineActivity.Begin()!;
            Thread.Sleep(400);
            var report = activity.End()!;

            // The shell ran at least 20 ms of the 400: 0.05 of a core, whatever else the machine does.
            Assert.True(report.OtherTasksCpuFraction >= 0.05, $"{report.OtherTasksCpuFraction:F3} of a core: {string.Join(", ", report.OtherTasks.Take(5))}");
            // At most every core, give or take a scheduler tick: a task on a CPU as it is read
            // reports its run time as of its last tick.
            Assert.InRange(report.OtherTasksCpuFraction, 0, Environment.ProcessorCount * 1.1);
            Assert.InRange(report.InterruptFraction, 0, Environment.ProcessorCount);
            Assert.InRange(report.StealFraction, 0, Environment.ProcessorCount);
            Assert.Contains(BusyShell.Name, report.TopMilliseconds().Keys);
        }
    }
}
