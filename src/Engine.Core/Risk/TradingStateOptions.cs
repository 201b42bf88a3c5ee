namespace Engine.Core.Risk;

/// <summary>When limits move the trading state, and how often the journal gets a risk snapshot.</summary>
public sealed record TradingStateOptions
{
    /// <summary>The share of a limit used at which it shows as caution.</summary>
    public double CautionAt { get; init; } = 0.5;

    /// <summary>The share of a limit used at which it shows as critical and trading moves to reducing-only.</summary>
    public double CriticalAt { get; init; } = 0.8;

    /// <summary>Whether reaching a loss line also closes every position.</summary>
    public bool FlattenOnHalt { get; init; }

    /// <summary>Whether a stale feed (the feed watchdog's journaled input) moves trading to reducing-only.</summary>
    public bool ReduceOnStaleFeed { get; init; }

    /// <summary>Market time between journaled risk snapshots (also one at every state change).</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromMinutes(1);
}
