using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Pipeline;
using Engine.Core.Positions;
using Engine.Core.Risk;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Ring;

namespace Engine.Host.Running;

/// <summary>
/// Builds the engine's pipeline from a run definition: the strategy instances over their
/// universes, started (so their reason texts exist before the first event), the signals stage on
/// the run's market clock, the risk gate, the router over a gateway, and the journal or check
/// stage the caller adds. Live runs, replays and the pipeline benchmark all build it here, so
/// they run the same thing.
/// </summary>
public sealed class EngineComposition : IDisposable
{
    private EngineComposition(TradingPipeline pipeline, StrategyHost host, IntentReasonTable reasons)
    {
        Pipeline = pipeline;
        Host = host;
        Reasons = reasons;
    }

    /// <summary>The pipeline (start it, publish into its ring).</summary>
    public TradingPipeline Pipeline { get; }

    /// <summary>The strategy host.</summary>
    public StrategyHost Host { get; }

    /// <summary>The instances' reason texts.</summary>
    public IntentReasonTable Reasons { get; }

    /// <summary>
    /// Builds the pipeline. <paramref name="journal"/> receives the reason table and returns the
    /// journal stage (or null for none); <paramref name="check"/> runs right after the risk gate.
    /// </summary>
    public static EngineComposition Build(
        RunDefinition run,
        StrategyRegistry registry,
        TradingPipelineOptions options,
        IOrderGateway gateway,
        Func<IntentReasonTable, IEventHandler<RingEvent>?>? journal = null,
        Func<IntentReasonTable, IEventHandler<RingEvent>?>? check = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gateway);
        var byToken = run.Instruments.ToDictionary(i => i.InstrumentToken);
        var instances = new List<StrategyInstance>();
        foreach (var spec in run.Strategies)
        {
            var universe = spec.Universe.Select(token => byToken.TryGetValue(token, out var instrument)
                ? instrument
                : throw new StrategyConfigurationException($"strategy '{spec.Name}': instrument token {token} of its universe is not among the run's instruments.")).ToArray();
            instances.Add(new StrategyInstance(spec.Name, registry.Create(spec.Strategy, spec.Version, spec.Parameters, spec.Name), universe));
        }

        var host = new StrategyHost(instances, run.Calendar.Hours);
        host.Start();
        var reasons = new IntentReasonTable(host.Contexts);
        var signals = new SignalStage(host, run.Clock);
        var account = new TradingAccount(run.Risk.Capital, run.Charges, run.Instruments);
        var context = new RiskContext(run.Risk, account, run.Instruments);
        var risk = new RiskGate(context);
        var orders = new OrderTracker(new OrderTrackerOptions { MarketProtection = run.Risk.MarketProtection }, account, context.Budget);
        var monitor = new RiskMonitor(context, orders.RequestFlatten);
        var router = new OrderRouter(gateway);
        var pipeline = new TradingPipeline(options, signals, risk, orders, router, journal?.Invoke(reasons), check?.Invoke(reasons), monitor);
        return new EngineComposition(pipeline, host, reasons);
    }

    /// <inheritdoc/>
    public void Dispose() => Pipeline.Dispose();
}
