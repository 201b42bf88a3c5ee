using Engine.Host.Configuration;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Charges;
using Engine.Core.Risk;
using Engine.Core.Time;

namespace Engine.Host.Running;

/// <summary>
/// Everything that decides what a run's pipeline does with its inputs: the strategies with their
/// parameters and universes, the risk settings, the session calendar, the market clock, the
/// instruments. Journaled at the start of every run (session_start and instrument records), so a
/// replay rebuilds the same pipeline from the journal alone.
/// </summary>
public sealed record RunDefinition
{
    /// <summary>The engine build that made the run.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>Sim, paper or live.</summary>
    public required EngineMode Mode { get; init; }

    /// <summary>The run's seed (the simulator's, in sim mode).</summary>
    public required ulong Seed { get; init; }

    /// <summary>Receive time to market time.</summary>
    public required MarketClock Clock { get; init; }

    /// <summary>Session times and holidays.</summary>
    public required SessionCalendar Calendar { get; init; }

    /// <summary>The risk rule set.</summary>
    public required RiskGateOptions Risk { get; init; }

    /// <summary>The charges the account is debited.</summary>
    public ChargeSchedule Charges { get; init; } = ChargeSchedule.Zerodha;

    /// <summary>The subscription's packet mode.</summary>
    public required TickMode SubscriptionMode { get; init; }

    /// <summary>Custom strategy assemblies.</summary>
    public required IReadOnlyList<string> StrategyAssemblies { get; init; }

    /// <summary>The strategy instances, in order.</summary>
    public required IReadOnlyList<StrategySpec> Strategies { get; init; }

    /// <summary>Every instrument the run subscribes to or trades.</summary>
    public required IReadOnlyList<Instrument> Instruments { get; init; }

    /// <summary>The paper broker's fill model in words, for a paper run or a backtest (for people; a replay reads the fills from the journal).</summary>
    public string? Fills { get; init; }

    /// <summary>A backtest's bar files and range, in words (for people).</summary>
    public string? Data { get; init; }

    /// <summary>The configuration file the run started from (for people; a replay does not read it).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// The run a configuration describes on <paramref name="clock"/>: its strategies, risk settings
    /// and calendar, over every instrument of a universe or of <c>subscription.instruments</c>.
    /// </summary>
    public static RunDefinition FromConfig(EngineConfig config, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        var byToken = config.Instruments.ToDictionary(i => i.InstrumentToken);
        return new RunDefinition
        {
            EngineVersion = Running.EngineVersion.Text,
            Mode = config.Mode,
            Seed = config.Simulator.Seed,
            Clock = clock,
            Calendar = config.Calendar,
            Risk = config.Risk,
            Charges = config.Charges,
            SubscriptionMode = config.SubscriptionMode,
            StrategyAssemblies = config.StrategyAssemblies,
            Strategies = config.Strategies,
            Instruments = config.Strategies.SelectMany(s => s.Universe).Concat(config.ExtraInstruments).Distinct().Select(t => byToken[t]).ToArray(),
            ConfigFile = config.SourceFile,
        };
    }

    /// <summary>The tokens to subscribe: every universe, then the extra instruments, without repeats.</summary>
    public IReadOnlyList<uint> SubscribedTokens => Instruments.Select(i => i.InstrumentToken).ToArray();
}
