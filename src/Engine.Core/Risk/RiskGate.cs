using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Ring;

namespace Engine.Core.Risk;

/// <summary>
/// The pre-trade gate: decides, for every intent in a slot, whether it becomes an order, and
/// writes the decision (and the order) beside the intent. Its state changes only through ring
/// inputs (session timers and operator commands), so a replay decides exactly as the live run did.
/// </summary>
/// <remarks>
/// Rules, in order: kill switch (nothing passes), tradability (indices and unknown tokens),
/// market session (entries only while the market is open; exits also during square-off),
/// sizing (the configured lots). The order id is derived from the input sequence and the
/// intent's position (<see cref="GateDecision.ClientOrderIdOf"/>), so it is the same on every
/// replay and unique within a journal.
/// </remarks>
public sealed class RiskGate : IEventHandler<RingEvent>
{
    private readonly RiskGateOptions _options;
    private readonly Dictionary<uint, int> _lotSizes = [];
    private TimerKind _phase = TimerKind.Closed;
    private bool _killSwitch;
    private bool _flattened;
    private long _accepted;
    private long _rejected;

    /// <summary>Creates the gate over the instruments the engine may trade.</summary>
    public RiskGate(RiskGateOptions options, IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instruments);
        if (options.DefaultQuantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultQuantity, "The default quantity must be at least 1 lot.");
        }

        _options = options;
        foreach (var instrument in instruments)
        {
            if (Segments.IsTradable(instrument.Segment))
            {
                _lotSizes[instrument.InstrumentToken] = Math.Max(1, instrument.LotSize);
            }
        }
    }

    /// <inheritdoc/>
    public string Name => "risk";

    /// <summary>The session phase the last timer set.</summary>
    public TimerKind Phase => _phase;

    /// <summary>True while the operator's kill switch is engaged.</summary>
    public bool KillSwitchEngaged => Volatile.Read(ref _killSwitch);

    /// <summary>True after an operator's flatten until resume: no intent passes.</summary>
    public bool Flattened => Volatile.Read(ref _flattened);

    /// <summary>Intents accepted as orders.</summary>
    public long Accepted => Volatile.Read(ref _accepted);

    /// <summary>Intents rejected.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        switch (data.Kind)
        {
            case EventKind.Timer:
                _phase = data.Timer;
                break;
            case EventKind.Command when data.Command == CommandKind.KillSwitch:
                Volatile.Write(ref _killSwitch, true);
                break;
            case EventKind.Command when data.Command == CommandKind.Resume:
                Volatile.Write(ref _killSwitch, false);
                Volatile.Write(ref _flattened, false);
                break;
            case EventKind.Command when data.Command == CommandKind.Flatten:
                Volatile.Write(ref _flattened, true);
                break;
        }

        for (int i = 0; i < data.IntentCount; i++)
        {
            Decide(ref data, i);
        }
    }

    private void Decide(ref RingEvent data, int index)
    {
        ref readonly var intent = ref data.Intents[index];
        ref var decision = ref data.Decisions[index];
        decision = default;
        var rule = RiskRule.None;
        int lotSize = 0;
        if (_killSwitch)
        {
            rule = RiskRule.KillSwitch;
        }
        else if (_flattened)
        {
            // The order tracker is closing everything; a strategy's exit could only reopen a position.
            rule = RiskRule.Flattened;
        }
        else if (!_lotSizes.TryGetValue(intent.InstrumentToken, out lotSize))
        {
            rule = RiskRule.NotTradable;
        }
        else if (!(_phase == TimerKind.Open || (intent.IsExit && _phase == TimerKind.SquareOff && _options.Product != Product.Mis)))
        {
            rule = RiskRule.MarketSession;
        }

        if (rule != RiskRule.None)
        {
            decision.Verdict = RiskVerdict.Rejected;
            decision.Rule = rule;
            Volatile.Write(ref _rejected, _rejected + 1);
            return;
        }

        decision.Verdict = RiskVerdict.Accepted;
        decision.Rule = RiskRule.None;
        decision.OrderType = OrderType.Market;
        decision.Product = _options.Product;
        decision.MarketProtection = _options.MarketProtection;
        decision.Quantity = (long)_options.DefaultQuantity * lotSize;
        Volatile.Write(ref _accepted, _accepted + 1);
    }
}
