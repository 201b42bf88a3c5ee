namespace Engine.Host.Rebalancing;

/// <summary>What <c>engine rebalance</c> runs.</summary>
public sealed record RebalanceRunOptions
{
    /// <summary>The engine configuration (mode, broker, instruments, risk rules); its strategies do not run.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The targets file.</summary>
    public required string TargetsFile { get; init; }

    /// <summary>The rebalance's journal folder.</summary>
    public required string Journal { get; init; }

    /// <summary>The ticker URL over the configuration's (a simulator started with <c>engine sim</c>).</summary>
    public Uri? TickerUrl { get; init; }

    /// <summary>Plan and print, place nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Minimum trade value and cash buffer.</summary>
    public RebalancePlanOptions Plan { get; init; } = new();

    /// <summary>How long each side's orders may take to finish.</summary>
    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where people read what happens.</summary>
    public TextWriter Output { get; init; } = Console.Error;
}
