namespace Engine.Bench.Workloads;

/// <summary>What <c>bench wait</c> measures.</summary>
public sealed record WaitBenchmarkOptions
{
    /// <summary>The configuration whose strategies and instruments run.</summary>
    public string ConfigFile { get; init; } = Path.Combine("config", "engine.yaml");

    /// <summary>The quiet market's rate (ticks a second over every instrument).</summary>
    public double QuietRate { get; init; } = 300;

    /// <summary>How long the quiet market runs per strategy.</summary>
    public TimeSpan QuietDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The busy market's rate.</summary>
    public double BusyRate { get; init; } = 100_000;

    /// <summary>How long the busy market runs per strategy.</summary>
    public TimeSpan BusyDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The strategies to measure (default: every one).</summary>
    public IReadOnlyList<Engine.Ring.WaitStrategyKind>? Kinds { get; init; }
}
