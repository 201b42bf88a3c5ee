namespace Engine.Host.Running;

/// <summary>How <c>engine run</c> was asked to run.</summary>
public sealed record EngineRunOptions
{
    /// <summary>The configuration file.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>Overrides journal.folder.</summary>
    public string? Journal { get; init; }

    /// <summary>Overrides broker.ticker_url (e.g. a simulator started separately).</summary>
    public Uri? TickerUrl { get; init; }

    /// <summary>Stop after this long; null runs until SIGINT or SIGTERM.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How often the status line is refreshed; null: every second on a terminal, every 5 seconds otherwise.</summary>
    public TimeSpan? StatusInterval { get; init; }

    /// <summary>Print the summary as one JSON object on <see cref="Output"/>; the text for people then goes to <see cref="StatusOutput"/>.</summary>
    public bool Json { get; init; }

    /// <summary>Where the placement and the summary go.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Where the status line goes.</summary>
    public TextWriter StatusOutput { get; init; } = Console.Error;

    /// <summary>True when the status output is a terminal (the line is redrawn in place).</summary>
    public bool StatusIsTerminal { get; init; } = !Console.IsErrorRedirected;

    /// <summary>When the journal's account and the broker's differ at start-up, take the broker's (a journaled input) instead of refusing to start.</summary>
    public bool AdoptBrokerState { get; init; }

    /// <summary>Set by the daily schedule: the run is one day of a daemon, which tells systemd itself (READY, WATCHDOG, STOPPING) rather than each run.</summary>
    public bool OneDayOfDaemon { get; init; }

    /// <summary>A one-off job to run once the engine has started (restored, reconciled, subscribed); the run stops when it returns. Null: run until stopped.</summary>
    public Func<EngineJob, CancellationToken, Task>? Job { get; init; }

    /// <summary>Changes the loaded configuration before the run is defined (a rebalance runs no strategies and subscribes its targets).</summary>
    public Func<Configuration.EngineConfig, Configuration.EngineConfig>? Configure { get; init; }
}
