using Engine.Core.Charges;
using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Risk;

namespace Engine.Core.Pipeline;

/// <summary>
/// Runs the risk stage once on scratch state, before the first tick: a market open, a tick and a
/// buy intent through a gate, order tracker and monitor built as the pipeline builds them, from
/// the run's options but over an account and context of their own. The rules and the order's
/// registration are interface and virtual calls, which the runtime compiles only at their first
/// call; without this, the first order of the day paid for them on the logic thread (about 5 ms).
/// The run's own gate, account and budgets are never touched.
/// </summary>
public static class RiskStageRehearsal
{
    /// <summary>Runs the rehearsal; returns the gate's decision on the intent (accepted when every rule ran), or null when no instrument is tradable.</summary>
    public static GateDecision? Run(RiskGateOptions options, ChargeSchedule charges, IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instruments);
        var instrument = instruments.FirstOrDefault(i => i.Segment != ExchangeSegment.Indices && i.LotSize > 0);
        if (instrument is null)
        {
            return null;
        }

        var account = new TradingAccount(options.Capital, charges, instruments);
        var context = new RiskContext(options, account, instruments);
        var gate = new RiskGate(context);
        var tracker = new OrderTracker(new OrderTrackerOptions { MarketProtection = options.MarketProtection }, account, context.Budget);
        var monitor = new RiskMonitor(context, tracker.RequestFlatten);

        // A Tuesday morning, well inside market hours, whatever the day the engine starts on.
        long now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(5.5)).ToUnixTimeMilliseconds() * 1_000_000;
        var slot = default(RingEvent);
        long sequence = 0;

        Begin(ref slot, EventKind.Timer, now, sequence);
        slot.Timer = TimerKind.Open;
        slot.Argument = now;
        Step(ref slot, sequence++);

        Begin(ref slot, EventKind.Tick, now, sequence);
        slot.Tick = new Market.Tick
        {
            InstrumentToken = instrument.InstrumentToken,
            Mode = Market.TickMode.Full,
            Segment = instrument.Segment,
            Tradable = true,
            PriceDivisor = instrument.PriceDivisor,
            LastPrice = 100L * instrument.PriceDivisor,
            Close = 100L * instrument.PriceDivisor,
            ExchangeTimestamp = now / 1_000_000_000,
        };
        Step(ref slot, sequence++);

        Begin(ref slot, EventKind.BrokerText, now + 1_000_000_000, sequence);
        slot.Intents[0] = new Strategies.SignalIntent { InstrumentToken = instrument.InstrumentToken, Side = Side.Buy };
        slot.IntentCount = 1;
        Step(ref slot, sequence);
        return slot.Decisions[0];

        void Step(ref RingEvent input, long at)
        {
            gate.OnEvent(ref input, at, true);
            tracker.OnEvent(ref input, at, true);
            monitor.OnEvent(ref input, at, true);
        }
    }

    private static void Begin(ref RingEvent slot, EventKind kind, long now, long sequence)
    {
        slot.Kind = kind;
        slot.IntentCount = 0;
        slot.ReceiveTimestampNs = now;
        slot.InputSequence = sequence;
    }
}
