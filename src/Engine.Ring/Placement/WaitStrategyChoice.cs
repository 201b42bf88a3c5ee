namespace Engine.Ring;

/// <summary>The wait strategy picked for a machine, with the reason in words for the start-up report.</summary>
/// <param name="Kind">The strategy.</param>
/// <param name="Reason">Why, in one line.</param>
public sealed record WaitStrategyChoice(WaitStrategyKind Kind, string Reason)
{
    /// <summary>
    /// Busy-spin only when every busy thread (each consumer thread, plus the producers) can have a
    /// core to itself with one to spare for everything else; otherwise a spinning consumer would
    /// steal the core its producer needs, so the phased backoff: it spins and yields while ticks
    /// come (as fast as busy-spin at 100,000 ticks/s) and parks in a quiet market, where yielding
    /// would keep a core at 100% (<c>engine bench wait</c>; docs/wait-strategies.md has the table).
    /// </summary>
    public static WaitStrategyChoice ForMachine(int cores, int consumerThreads, int producerThreads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        int busyThreads = consumerThreads + producerThreads;
        string threads = $"{consumerThreads} consumer thread{(consumerThreads == 1 ? "" : "s")} + {producerThreads} producer{(producerThreads == 1 ? "" : "s")}";
        return cores > busyThreads
            ? new WaitStrategyChoice(WaitStrategyKind.BusySpin, $"busy-spin: {cores} cores > {busyThreads} busy threads ({threads})")
            : new WaitStrategyChoice(WaitStrategyKind.Phased, $"phased: {cores} cores <= {busyThreads} busy threads ({threads}); busy-spin would starve a thread of its core, and phased spins {PhasedBackoffWaitStrategy.DefaultSpin.TotalMicroseconds:0} µs, yields {PhasedBackoffWaitStrategy.DefaultYield.TotalMicroseconds:0} µs, then parks, so a quiet market costs a few percent of a core");
    }

    /// <summary>A strategy set explicitly by configuration.</summary>
    public static WaitStrategyChoice Configured(WaitStrategyKind kind) =>
        new(kind, $"{WaitStrategies.NameOf(kind)}: set by configuration");
}
