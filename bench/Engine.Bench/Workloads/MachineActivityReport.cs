namespace Engine.Bench.Workloads;

/// <summary>
/// What the machine did besides this process over a window (<see cref="MachineActivity"/>), each
/// share in cores' worth: core-seconds per wall second, 1 being one whole core.
/// </summary>
/// <param name="OtherTasks">Every task outside this process that ran, by name, most first.</param>
/// <param name="OtherTasksCpuFraction">Their run time over the window's length.</param>
/// <param name="InterruptFraction">The cores' time in interrupts, hard and soft, over the window's length.</param>
/// <param name="StealFraction">The time the hypervisor reports having run something else on the virtual CPUs, over the window's length. A host that takes them without reporting it leaves stalls that none of these figures explain.</param>
public sealed record MachineActivityReport(IReadOnlyList<TaskCpu> OtherTasks, double OtherTasksCpuFraction, double InterruptFraction, double StealFraction)
{
    /// <summary>The five that ran most, in milliseconds, leaving out any under 10 µs.</summary>
    public IReadOnlyDictionary<string, double> TopMilliseconds(int count = 5) =>
        OtherTasks.Where(t => t.CpuNs >= 10_000).Take(count).ToDictionary(t => t.Name, t => Math.Round(t.CpuNs / 1e6, 2), StringComparer.Ordinal);
}
