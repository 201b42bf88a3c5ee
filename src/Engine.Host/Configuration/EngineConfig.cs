using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Charges;
using Engine.Core.Risk;
using Engine.Core.Time;

namespace Engine.Host.Configuration;

/// <summary>A loaded, validated engine configuration, with every file it names already read.</summary>
public sealed record EngineConfig
{
    /// <summary>The file it came from.</summary>
    public required string SourceFile { get; init; }

    /// <summary>Sim, paper or live.</summary>
    public required EngineMode Mode { get; init; }

    /// <summary>True when the run's market time is the simulator's accelerated clock (sim mode, or paper against the simulator) rather than the wall clock.</summary>
    public bool SimulatorClock { get; init; }

    /// <summary>The instruments file.</summary>
    public required string InstrumentsFile { get; init; }

    /// <summary>Every instrument in the instruments file.</summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>The session calendar file.</summary>
    public required string CalendarFile { get; init; }

    /// <summary>The session calendar.</summary>
    public required SessionCalendar Calendar { get; init; }

    /// <summary>Market data source and credentials location.</summary>
    public required BrokerSettings Broker { get; init; }

    /// <summary>Packet mode for every subscription.</summary>
    public required TickMode SubscriptionMode { get; init; }

    /// <summary>Instruments watched besides the strategies' universes (e.g. indices).</summary>
    public required IReadOnlyList<uint> ExtraInstruments { get; init; }

    /// <summary>The sim market clock and simulator.</summary>
    public required SimulatorSettings Simulator { get; init; }

    /// <summary>The journal.</summary>
    public required JournalSettings Journal { get; init; }

    /// <summary>Ring and placement.</summary>
    public required PipelineSettings Pipeline { get; init; }

    /// <summary>The risk rule set (risk.yaml).</summary>
    public required RiskGateOptions Risk { get; init; }

    /// <summary>The charges schedule (charges.yaml).</summary>
    public ChargeSchedule Charges { get; init; } = ChargeSchedule.Zerodha;

    /// <summary>Assemblies with custom strategies (absolute paths).</summary>
    public required IReadOnlyList<string> StrategyAssemblies { get; init; }

    /// <summary>Strategy instances, in configuration order.</summary>
    public required IReadOnlyList<StrategySpec> Strategies { get; init; }

    /// <summary>Logging.</summary>
    public required LoggingSettings Logging { get; init; }

    /// <summary>Alerts.</summary>
    public AlertSettings Alerts { get; init; } = new(null, null, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

    /// <summary>No tick for this long during market hours is a stale feed (null: the watchdog is off).</summary>
    public TimeSpan? FeedStaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The admin endpoint's bearer token file (made 0600 at the first start).</summary>
    public string? AdminTokenFile { get; init; }

    /// <summary>The loopback admin endpoint's port (0: any free port), or null for none.</summary>
    public int? AdminPort { get; init; }

    /// <summary>The daemon's daily schedule: one run per (trading) day between its times, idle in between; null: <c>engine run</c> runs once.</summary>
    public Running.DailySchedule? Schedule { get; init; }

    /// <summary>A Unix domain socket (mode 0600) the admin endpoint also (or only) listens on; null: none.</summary>
    public string? AdminSocket { get; init; }

    /// <summary>The paper broker's fill model (<c>fills:</c>); null when the section is absent: paper mode fills at once and in full, a backtest takes <see cref="Gateways.PaperFillModel.BacktestDefault"/>.</summary>
    public Gateways.PaperFillModel? Fills { get; init; }
}
