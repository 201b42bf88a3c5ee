using System.Diagnostics;
using System.Globalization;

namespace Engine.Bench.Workloads;

/// <summary>
/// What the machine did besides this process over a window: every other task's run time
/// (<see cref="MachineTasks"/>), and from <c>/proc/stat</c> the cores' time in interrupts and the
/// time the hypervisor reports having taken the virtual CPUs away (steal). Begun before a measured
/// window and ended after it, outside it: reading /proc takes milliseconds.
/// </summary>
public sealed class MachineActivity
{
    private readonly MachineTaskSnapshot _tasks;
    private readonly CpuTimes _cpu;
    private readonly long _start;

    private MachineActivity(MachineTaskSnapshot tasks, CpuTimes cpu, long start)
    {
        _tasks = tasks;
        _cpu = cpu;
        _start = start;
    }

    /// <summary>The machine's times now; null where Linux's /proc does not give them.</summary>
    public static MachineActivity? Begin()
    {
        // The window runs from the start of this reading to the end of the last: each task's two
        // reads fall inside it, so its runs between them do too, and n cores run at most n of it.
        long start = Stopwatch.GetTimestamp();
        return MachineTasks.Take() is { } tasks && ReadCpuTimes() is { } cpu ? new MachineActivity(tasks, cpu, start) : null;
    }

    /// <summary>What the machine did since <see cref="Begin"/>; null where /proc could not be read again.</summary>
    public MachineActivityReport? End()
    {
        if (MachineTasks.Take() is not { } tasks || ReadCpuTimes() is not { } cpu)
        {
            return null;
        }

        double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;

        // Each figure in cores' worth (core-seconds per wall second), as the stalls they cause are
        // set beside the share of the time some core stalled: n cores' runs can stall that long at most.
        var others = tasks.Since(_tasks);
        double coreTicks = (double)Math.Max(1, cpu.Total - _cpu.Total) / Environment.ProcessorCount;
        return new MachineActivityReport(
            others,
            others.Sum(t => t.CpuNs) / 1e9 / Math.Max(1e-9, seconds),
            (cpu.Interrupts - _cpu.Interrupts) / coreTicks,
            (cpu.Steal - _cpu.Steal) / coreTicks);
    }

    /// <summary>The summed times of all cores, in the kernel's clock ticks.</summary>
    internal readonly record struct CpuTimes(long Total, long Interrupts, long Steal);

    /// <summary>
    /// The first line of /proc/stat, <c>cpu user nice system idle iowait irq softirq steal ...</c>:
    /// its total (the fields through steal; guest time is inside user already), irq plus softirq,
    /// and steal. False for anything else.
    /// </summary>
    internal static bool TryParseCpuLine(ReadOnlySpan<char> line, out CpuTimes times)
    {
        times = default;
        Span<Range> fields = stackalloc Range[12];
        int count = line.TrimEnd('\n').Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 9 || !line[fields[0]].SequenceEqual("cpu"))
        {
            return false;
        }

        Span<long> values = stackalloc long[8];
        for (int i = 0; i < values.Length; i++)
        {
            if (!long.TryParse(line[fields[i + 1]], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        long total = 0;
        foreach (long value in values)
        {
            total += value;
        }

        times = new CpuTimes(total, values[5] + values[6], values[7]);
        return true;
    }

    private static CpuTimes? ReadCpuTimes()
    {
        try
        {
            using var stat = new StreamReader("/proc/stat");
            return stat.ReadLine() is { } line && TryParseCpuLine(line, out var times) ? times : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
