namespace Engine.Bench.Workloads;

/// <summary>How <c>engine bench orders</c> runs.</summary>
public sealed record OrdersBenchmarkOptions
{
    /// <summary>The simulator's instruments.</summary>
    public string InstrumentsFile { get; init; } = Path.Combine("config", "instruments.csv");

    /// <summary>The configuration whose strategies run in the paper part.</summary>
    public string ConfigFile { get; init; } = Path.Combine("config", "engine.yaml");

    /// <summary>Orders sent one at a time within the budget, for the latency figures.</summary>
    public int PacedOrders { get; init; } = 40;

    /// <summary>Their rate (within Kite's 10/s).</summary>
    public double PacedRate { get; init; } = 5;

    /// <summary>Orders sent at once.</summary>
    public int BurstOrders { get; init; } = 25;

    /// <summary>A rate above the budget.</summary>
    public double OverRate { get; init; } = 15;

    /// <summary>For how long.</summary>
    public double OverSeconds { get; init; } = 4;

    /// <summary>Ticks of the paper replay.</summary>
    public long PaperTicks { get; init; } = 1_000_000;

    /// <summary>Their rate.</summary>
    public double PaperRate { get; init; } = 100_000;
}
