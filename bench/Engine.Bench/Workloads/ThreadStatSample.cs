namespace Engine.Bench.Workloads;

/// <summary>One reading of a thread's <see cref="ThreadStat"/>.</summary>
/// <param name="CpuTime">User and system CPU time so far, to the nanosecond from the thread's CPU clock (to 10 ms from /proc's ticks where that clock could not be read).</param>
/// <param name="MinorFaults">Page faults so far that needed no disk: each one a first write to a page the OS had not mapped yet, taken on this thread.</param>
/// <param name="Preemptions">Times the scheduler took the thread's CPU away while it could still run (<c>nonvoluntary_ctxt_switches</c>); -1 where it could not be read.</param>
/// <param name="RunDelay">Time spent runnable but waiting for a CPU behind other tasks, as the kernel saw it; <see cref="TimeSpan.MinValue"/> where it could not be read. A hypervisor that takes the virtual CPU away leaves no trace here: to the guest the thread was running.</param>
public readonly record struct ThreadStatSample(TimeSpan CpuTime, long MinorFaults, long Preemptions, TimeSpan RunDelay);
