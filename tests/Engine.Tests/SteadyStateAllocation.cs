namespace Engine.Tests;

/// <summary>
/// What one round of work allocates on the calling thread once the runtime has settled: the
/// fewest bytes over several identical rounds after a warm-up one. The runtime can allocate once
/// on the measuring thread when tiered compilation promotes a method or moves a running loop to
/// optimised code, and while other threads allocate heavily the thread's counter itself can move
/// by up to one allocation quantum (8 KB) across code that allocates nothing (an empty
/// <c>lock</c> shows it); under the load of tests running in parallel either can fall inside any
/// round. An allocation per event shows in every round.
/// </summary>
internal static class SteadyStateAllocation
{
    public static (long Fewest, string Rounds) Measure(Action round, int rounds = 3)
    {
        round();
        var bytes = new long[rounds];
        for (int i = 0; i < rounds; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (bytes.Min(), $"bytes per round: {string.Join(", ", bytes)}");
    }
}
