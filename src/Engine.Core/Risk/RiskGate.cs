using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Risk.Rules;
using Engine.Ring;

namespace Engine.Core.Risk;

/// <summary>
/// The pre-trade gate: decides, for every intent in a slot, whether it becomes an order, and
/// writes the decision beside the intent. The rules run in a fixed order, each a small type with
/// one job (<see cref="Rules"/>); the first to deny gives the coded reason, a cap may cut the
/// quantity (resized). The gate's knowledge (<see cref="RiskContext"/>) changes only through ring
/// inputs, so a replay decides exactly as the live run did.
/// </summary>
/// <remarks>
/// Order: kill switch, flatten, tradability, halted, market session, sizing, reducing-only,
/// cool-off, market protection, circuit band, fat finger, order quantity and value caps, position,
/// sector, open-position, gross and net caps, daily loss, overall loss, trailing drawdown, and the
/// order budgets per second, minute and day. An order that only reduces a position skips the rules
/// that guard new risk (reducing-only, cool-off, exposure and loss). An accepted order is counted
/// in the budget at once. The order id is derived from the input sequence and the intent's
/// position (<see cref="GateDecision.ClientOrderIdOf"/>), the same on every replay.
/// </remarks>
public sealed class RiskGate : IEventHandler<RingEvent>
{
    private readonly RiskContext _context;
    private IPreTradeRule[] _rules;
    private int _ruleSet;
    private readonly long[] _rejectedBy = new long[byte.MaxValue + 1];
    private long _accepted;
    private long _rejected;

    /// <summary>Creates the gate over the instruments the engine may trade, with an account of its own.</summary>
    public RiskGate(RiskGateOptions options, IEnumerable<Instrument> instruments)
        : this(NewContext(options, instruments))
    {
    }

    /// <summary>Creates the gate over <paramref name="context"/>, which the order tracker and the risk monitor share.</summary>
    public RiskGate(RiskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _rules = RulesFor(context.Options);
        _ruleSet = context.RuleSetChanges;
    }

    /// <inheritdoc/>
    public string Name => "risk";

    /// <summary>What the gate knows: account, budgets, state, phase, switches.</summary>
    public RiskContext Context => _context;

    /// <summary>The session phase the last timer set.</summary>
    public TimerKind Phase => _context.Phase;

    /// <summary>True while the operator's kill switch is engaged.</summary>
    public bool KillSwitchEngaged => _context.KillSwitchEngaged;

    /// <summary>True after an operator's flatten until resume: no intent passes.</summary>
    public bool Flattened => _context.Flattened;

    /// <summary>Intents accepted as orders.</summary>
    public long Accepted => Volatile.Read(ref _accepted);

    /// <summary>Intents rejected.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Intents rejected by <paramref name="rule"/> (readable from any thread).</summary>
    public long RejectedBy(RiskRule rule) => Volatile.Read(ref _rejectedBy[(byte)rule]);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        _context.Observe(ref data);
        if (_context.RuleSetChanges != _ruleSet)
        {
            // An operator's new rule set, in force from this input on.
            _rules = RulesFor(_context.Options);
            _ruleSet = _context.RuleSetChanges;
        }

        for (int i = 0; i < data.IntentCount; i++)
        {
            Decide(ref data, i);
        }

        if (data.Stamped)
        {
            data.Stamps.Judged = StageStamps.Now();
        }
    }

    private static IPreTradeRule[] RulesFor(RiskGateOptions options) =>
    [
        new KillSwitchRule(),
        new FlattenedRule(),
        new HaltedRule(),
        new MarketSessionRule(),
        new SizingRule(SizingRule.SizerFor(options.Sizing), options.Sizing.MaxLots),
        new ReducingOnlyRule(),
        new CoolOffRule(),
        new MarketProtectionRule(),
        new CircuitBandRule(),
        new FatFingerRule(),
        new OrderQuantityRule(),
        new OrderValueRule(),
        new PositionValueRule(),
        new SectorExposureRule(),
        new OpenPositionsRule(),
        new GrossExposureRule(),
        new NetExposureRule(),
        new DailyLossRule(),
        new MaxLossRule(),
        new TrailingDrawdownRule(),
        new OrdersPerSecondRule(),
        new OrdersPerMinuteRule(),
        new OrdersPerDayRule(),
    ];

    private static RiskContext NewContext(RiskGateOptions options, IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instruments);
        if (options.Sizing.Lots <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Sizing.Lots, "The default quantity must be at least 1 lot.");
        }

        var list = instruments as IReadOnlyCollection<Instrument> ?? [.. instruments];
        return new RiskContext(options, new TradingAccount(options.Capital, null, list), list);
    }

    private void Decide(ref RingEvent data, int index)
    {
        ref readonly var intent = ref data.Intents[index];
        ref var decision = ref data.Decisions[index];
        decision = default;
        var options = _context.Options;
        var rule = RiskRule.None;
        var order = new ProposedOrder
        {
            InstrumentToken = intent.InstrumentToken,
            Side = intent.Side,
            IsExit = intent.IsExit,
            Price = intent.Price,
            Stop = intent.Stop,
            RequestedQuantity = intent.Quantity,
            OrderType = OrderType.Market,
            MarketProtection = options.MarketProtection,
        };

        if (_context.KillSwitchEngaged)
        {
            rule = RiskRule.KillSwitch;
        }
        else if (_context.Flattened)
        {
            rule = RiskRule.Flattened;
        }
        else if (!_context.TryGetLotSize(intent.InstrumentToken, out order.LotSize))
        {
            rule = RiskRule.NotTradable;
        }
        else
        {
            order.LastPrice = _context.Account.Positions.LastPrice(intent.InstrumentToken);
            order.PreviousClose = _context.PreviousClose(intent.InstrumentToken);
            order.HeldQuantity = _context.Account.Positions.NetQuantity(intent.InstrumentToken);
            rule = Check(ref order);
        }

        if (rule != RiskRule.None)
        {
            decision.Verdict = RiskVerdict.Rejected;
            decision.Rule = rule;
            Volatile.Write(ref _rejected, _rejected + 1);
            Volatile.Write(ref _rejectedBy[(byte)rule], _rejectedBy[(byte)rule] + 1);
            return;
        }

        decision.Verdict = order.Resized ? RiskVerdict.Resized : RiskVerdict.Accepted;
        decision.Rule = RiskRule.None;
        decision.OrderType = order.OrderType;
        decision.Product = options.Product;
        decision.MarketProtection = order.MarketProtection;
        decision.Quantity = order.Quantity;
        _context.Budget.Record(_context.NowNs);
        Volatile.Write(ref _accepted, _accepted + 1);
    }

    private RiskRule Check(ref ProposedOrder order)
    {
        foreach (var rule in _rules)
        {
            if ((rule.AppliesToReducing || !order.Reduces) && !rule.Allows(ref order, _context))
            {
                return rule.Code;
            }
        }

        return RiskRule.None;
    }
}
