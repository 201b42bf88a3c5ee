using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Host.Running;

namespace Engine.Host.Rebalancing;

/// <summary>
/// <c>engine rebalance</c>: a run of the engine with no strategies, subscribed to the targets, that
/// takes the broker's account (adopted and journaled: the broker's positions are what a rebalance
/// trades from), runs <see cref="RebalanceJob"/> and stops. Exit 0 when every delta is done (or
/// there is none), <see cref="ExitIncomplete"/> when some are not, or the engine's own exit code.
/// </summary>
public static class RebalanceRun
{
    /// <summary>Exit code: some delta orders were not done in full (the summary says which and why).</summary>
    public const int ExitIncomplete = 6;

    /// <summary>Runs the rebalance; returns the exit code and the summary (null if the engine stopped before the job ended).</summary>
    public static async Task<(int ExitCode, RebalanceSummary? Summary)> RunAsync(RebalanceRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loaded = EngineConfigLoader.Load(options.ConfigFile, StrategyRegistry.CreateWithBuiltins());
        var targets = TargetFile.Read(options.TargetsFile, loaded.Instruments);
        if (options.Plan.CashBufferPercent is < 0 or >= 100 || options.Plan.MinTradeValue < 0)
        {
            throw new FormatException("--cash-buffer is a percentage from 0 to under 100, and --min-trade-value is not negative");
        }

        RebalanceSummary? summary = null;
        int exit = await EngineRun.RunAsync(
            new EngineRunOptions
            {
                ConfigFile = options.ConfigFile,
                Journal = options.Journal,
                TickerUrl = options.TickerUrl,
                AdoptBrokerState = true,
                Output = options.Output,
                StatusOutput = options.Output,
                StatusIsTerminal = false,
                Configure = c => c with
                {
                    Strategies = [],
                    ExtraInstruments = [.. c.ExtraInstruments.Union(targets.Select(t => t.Instrument.InstrumentToken))],
                    Schedule = null,
                },
                Job = (engine, token) => RebalanceJob.RunAsync(engine, targets, options.Plan, options.DryRun, options.OrderTimeout, s => summary = s, token),
            },
            cancellationToken).ConfigureAwait(false);
        return (exit != 0 ? exit : summary is null ? EngineRun.ExitFault : summary.Failed > 0 ? ExitIncomplete : 0, summary);
    }
}
