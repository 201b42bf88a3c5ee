namespace Engine.Ring;

/// <summary>Creates wait strategies by kind and reads their configuration names.</summary>
public static class WaitStrategies
{
    /// <summary>The names accepted by <see cref="Parse"/>, in order of falling CPU use.</summary>
    public static IReadOnlyList<string> Names { get; } = ["busy-spin", "yielding", "sleeping", "blocking", "phased"];

    /// <summary>Creates a strategy of <paramref name="kind"/>; <paramref name="blockingTimeout"/> applies to the parking kinds (blocking, phased) only.</summary>
    public static IWaitStrategy Create(WaitStrategyKind kind, TimeSpan? blockingTimeout = null) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(blockingTimeout),
        WaitStrategyKind.Phased => new PhasedBackoffWaitStrategy(blockingTimeout: blockingTimeout),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };

    /// <summary>The configuration name of <paramref name="kind"/>.</summary>
    public static string NameOf(WaitStrategyKind kind) => Names[(int)kind];

    /// <summary>Reads a configuration name (<c>busy-spin</c>, <c>yielding</c>, <c>sleeping</c>, <c>blocking</c>, <c>phased</c>).</summary>
    /// <exception cref="FormatException">The name is none of those; the message lists them.</exception>
    public static WaitStrategyKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string normalized = name.Trim().ToLowerInvariant().Replace('_', '-');
        if (normalized == "busyspin")
        {
            normalized = "busy-spin";
        }

        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == normalized)
            {
                return (WaitStrategyKind)i;
            }
        }

        throw new FormatException($"Unknown wait strategy '{name}'; expected one of: {string.Join(", ", Names)}.");
    }
}
