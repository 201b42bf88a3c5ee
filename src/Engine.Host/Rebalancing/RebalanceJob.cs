using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Host.Alerts;
using Engine.Host.Running;

namespace Engine.Host.Rebalancing;

/// <summary>
/// <c>engine rebalance</c> as a job on a started engine: once every target has a price from the
/// feed, the account (restored, reconciled and, for a rebalance, the broker's own) is planned
/// against the targets, and each delta enters the ring as an operator's order (a journaled
/// <see cref="CommandKind.Order"/> input) that the risk gate judges and the gateway sends like
/// any other, with its retries that look a lost order up by its tag rather than place it twice.
/// Sells go first, and the buys wait until the sells are done. The summary (done, failed and why)
/// is printed and alerted.
/// </summary>
public static class RebalanceJob
{
    /// <summary>Runs the rebalance on <paramref name="engine"/>; <paramref name="done"/> receives the summary.</summary>
    public static async Task RunAsync(EngineJob engine, IReadOnlyList<RebalanceTarget> targets, RebalancePlanOptions options, bool dryRun, TimeSpan orderTimeout, Action<RebalanceSummary> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(done);
        var inv = CultureInfo.InvariantCulture;
        var pipeline = engine.Pipeline;
        var account = pipeline.Risk.Context.Account;
        var output = engine.Output;

        // Prices come from the feed: wait for a tick of every target, and for the market to be open.
        var waiting = Stopwatch.StartNew();
        while (targets.Any(t => account.Positions.LastPrice(t.Instrument.InstrumentToken) == 0) || pipeline.Risk.Phase != TimerKind.Open)
        {
            if (waiting.Elapsed > TimeSpan.FromSeconds(30))
            {
                string missing = string.Join(", ", targets.Where(t => account.Positions.LastPrice(t.Instrument.InstrumentToken) == 0).Select(t => t.Instrument.Key));
                throw new TimeoutException(pipeline.Risk.Phase != TimerKind.Open
                    ? $"the market is not open (the session is at {pipeline.Risk.Phase}); a rebalance trades in market hours"
                    : $"no tick within 30 s for {missing}; is it subscribed and trading?");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        pipeline.WaitUntilDrained(TimeSpan.FromSeconds(10));
        var held = targets.ToDictionary(t => t.Instrument.InstrumentToken, t => account.Positions.NetQuantity(t.Instrument.InstrumentToken));
        var prices = targets.ToDictionary(t => t.Instrument.InstrumentToken, t => account.Positions.LastPrice(t.Instrument.InstrumentToken) / (decimal)t.Instrument.PriceDivisor);
        decimal equity = account.Equity / 100m;
        decimal holdings = 0;
        foreach (var mark in account.Positions.Marks())
        {
            var instrument = engine.Run.Instruments.FirstOrDefault(i => i.InstrumentToken == mark.InstrumentToken);
            if (instrument is not null)
            {
                holdings += account.Positions.NetQuantity(mark.InstrumentToken) * (mark.LastPrice / (decimal)instrument.PriceDivisor);
            }
        }

        var plan = RebalancePlan.Of(targets, held, prices, equity, equity - holdings, options);
        await output.WriteLineAsync(string.Create(inv, $"rebalance: equity ₹{equity:#,##0.00}, cash ₹{equity - holdings:#,##0.00}, {targets.Count} targets: {plan.Orders.Count} orders ({plan.Orders.Count(o => o.Side == Side.Sell)} sells first, then {plan.Orders.Count(o => o.Side == Side.Buy)} buys){(dryRun ? "; dry run: nothing is placed" : "")}")).ConfigureAwait(false);
        foreach (string note in plan.Notes)
        {
            await output.WriteLineAsync("  " + note).ConfigureAwait(false);
        }

        foreach (var order in plan.Orders)
        {
            await output.WriteLineAsync(string.Create(inv, $"  {(order.Side == Side.Buy ? "BUY " : "SELL")} {order.Quantity,8} {order.Instrument.Key,-20} held {order.Held} → {order.Target}, ~₹{order.Value:#,##0.00} at ₹{order.Price:0.00}")).ConfigureAwait(false);
        }

        var results = new List<RebalanceResult>();
        if (!dryRun)
        {
            foreach (var side in new[] { Side.Sell, Side.Buy })
            {
                var placed = new List<(RebalanceOrder Order, ulong ClientOrderId)>();
                foreach (var order in plan.Orders.Where(o => o.Side == side))
                {
                    var (verdict, clientOrderId) = Place(engine, order);
                    if (clientOrderId == 0)
                    {
                        results.Add(new RebalanceResult(order, "denied", 0, 0, verdict));
                        continue;
                    }

                    placed.Add((order, clientOrderId));
                }

                results.AddRange(await SettleAsync(pipeline.Orders, placed, orderTimeout, cancellationToken).ConfigureAwait(false));
            }
        }

        var summary = new RebalanceSummary(plan, results, dryRun);
        foreach (string line in summary.Lines())
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (!dryRun)
        {
            engine.Alert(new Alert("rebalance", summary.Headline, DateTimeOffset.UtcNow));
        }

        done(summary);
    }

    // The order is an input; once the pipeline has handled it, its slot holds the gate's verdict.
    private static (string Verdict, ulong ClientOrderId) Place(EngineJob engine, RebalanceOrder order)
    {
        var pipeline = engine.Pipeline;
        long input = engine.Inputs.PublishCommand(CommandKind.Order, OperatorOrder.Pack(order.Instrument.InstrumentToken, order.Side, order.Quantity), Encoding.UTF8.GetBytes($"rebalance: {order.Side.ToString().ToLowerInvariant()} {order.Quantity} {order.Instrument.Key}"), Core.Time.UnixTime.NowNanoseconds());
        pipeline.WaitUntilDrained(TimeSpan.FromSeconds(10));
        ref var slot = ref pipeline.Ring[input - engine.Inputs.SequenceBase];
        if (slot.InputSequence != input)
        {
            return ("the verdict was overwritten in the ring before it was read; see the journal", 0);
        }

        var decision = slot.Decisions[0];
        return decision.IsAccepted
            ? (decision.Verdict == RiskVerdict.Resized ? $"resized to {decision.Quantity} by the risk gate" : "accepted", GateDecision.ClientOrderIdOf(input, 0))
            : ($"the risk gate denied it: {RiskRuleText.Name(decision.Rule)}", 0);
    }

    private static async Task<IReadOnlyList<RebalanceResult>> SettleAsync(OrderTracker tracker, List<(RebalanceOrder Order, ulong ClientOrderId)> placed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var states = placed.Select(p => (p.Order, Tracked: Find(tracker, p.ClientOrderId))).ToArray();
            bool settled = states.All(s => s.Tracked is { } t && t.IsTerminal);
            if (settled || clock.Elapsed > timeout)
            {
                return states.Select(s => s.Tracked is not { } t
                        ? new RebalanceResult(s.Order, "unknown", 0, 0, "the tracker has no such order")
                        : new RebalanceResult(s.Order, t.IsTerminal ? Word(t.State) : "open", t.FilledQuantity, t.FilledQuantity == 0 ? 0 : t.FilledValue / (decimal)t.FilledQuantity / s.Order.Instrument.PriceDivisor,
                            t.IsTerminal ? Why(t) : $"still {Word(t.State)} after {timeout.TotalSeconds:0} s"))
                    .ToArray();
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TrackedOrder? Find(OrderTracker tracker, ulong clientOrderId)
    {
        for (int i = tracker.Count - 1; i >= 0; i--)
        {
            if (tracker[i].ClientOrderId == clientOrderId)
            {
                return tracker[i];
            }
        }

        return null;
    }

    private static string Word(OrderState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    private static string Why(in TrackedOrder order) => order.State switch
    {
        OrderState.Complete => "filled",
        OrderState.Rejected => $"rejected by the broker (Kite status {OrderStatuses.ToKite(order.BrokerStatus)}; journal orders shows its messages)",
        OrderState.Cancelled => order.FilledQuantity > 0 ? "partly filled, the rest cancelled" : "cancelled",
        _ => Word(order.State),
    };
}
