using Engine.Core.Events;
using Engine.Core.Indicators;
using Engine.Core.Instruments;
using Engine.Core.Positions;

namespace Engine.Core.Risk;

/// <summary>
/// What the risk engine knows, shared by the gate (before the order tracker) and the monitor
/// (after it) on the decision thread: the account, the order budget, the trading state, the
/// session phase and operator switches, the market clock and each instrument's lot, sector,
/// previous close and (for ATR sizing) ATR. It changes only through ring inputs, so a replay
/// knows at every input exactly what the live run knew.
/// </summary>
public sealed class RiskContext
{
    private const long IstOffsetNs = (5 * 3600 + 30 * 60) * 1_000_000_000L;
    private const long DayNs = 86_400 * 1_000_000_000L;
    private readonly TokenIndex _instruments = new();
    private InstrumentFacts[] _facts = [];
    private readonly Instrument[] _tradable;
    private long _resetNs;
    private bool _withAtr;
    private TradingState _state = TradingState.Active;
    private bool _killSwitch;
    private bool _flattened;
    private bool _feedStale;
    private long _dayStartEquity;
    private long _tradingDay = long.MinValue;

    // The market time at which the day after _tradingDay begins, so that a tick before it (nearly
    // every one) costs a compare instead of a division; MinValue when not yet known.
    private long _nextDayStartNs = long.MinValue;
    private RiskStateChangeBuffer _pending;
    private int _pendingCount;

    /// <summary>Creates the context for the instruments the engine may trade.</summary>
    public RiskContext(RiskGateOptions options, TradingAccount account, IEnumerable<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(instruments);
        Account = account;
        Budget = new OrderBudget(options.Budgets);
        _dayStartEquity = account.Capital;
        _tradable = [.. instruments.Where(i => Segments.IsTradable(i.Segment))];
        Options = options;
        Configure(options);
    }

    /// <summary>The rule set in force.</summary>
    public RiskGateOptions Options { get; private set; }

    /// <summary>Rule sets applied since the start (the gate rebuilds its rules when this moves).</summary>
    public int RuleSetChanges { get; private set; }

    /// <summary>Operator rule-set commands whose text was not a rule set (ignored, so the rules stayed).</summary>
    public long RefusedRuleSets { get; private set; }

    /// <summary>
    /// Puts <paramref name="rules"/> in force from this input on: limits, sizing, sectors and
    /// budgets. The capital, the product and the market protection are the run's and stay; the
    /// day's order count stands, ATRs start again.
    /// </summary>
    public void ApplyRules(RiskGateOptions rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Options = rules with { Capital = Options.Capital, Product = Options.Product, MarketProtection = Options.MarketProtection };
        Budget.Apply(Options.Budgets);
        Configure(Options);
        RuleSetChanges++;
    }

    private void Configure(RiskGateOptions options)
    {
        _withAtr = options.Sizing.Method == SizingMethod.Atr;
        _resetNs = options.Loss.DailyResetTime.ToTimeSpan().Ticks * 100;
        _instruments.Clear();
        _facts = new InstrumentFacts[_tradable.Length];
        var sectors = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var instrument in _tradable)
        {
            int sector = -1;
            if (options.Exposure.Sectors.TryGetValue(instrument.TradingSymbol, out var name) && !sectors.TryGetValue(name, out sector))
            {
                sector = sectors.Count;
                sectors[name] = sector;
            }

            _facts[_instruments.GetOrAdd(instrument.InstrumentToken)] = new InstrumentFacts(Math.Max(1, instrument.LotSize), sector, _withAtr ? new Atr(options.Sizing.AtrPeriods) : null, options.Sizing.AtrBarSeconds);
        }

    }

    /// <summary>The account the rules read.</summary>
    public TradingAccount Account { get; }

    /// <summary>The order budgets.</summary>
    public OrderBudget Budget { get; }

    /// <summary>The trading state (readable from any thread).</summary>
    public TradingState State => (TradingState)Volatile.Read(ref System.Runtime.CompilerServices.Unsafe.As<TradingState, byte>(ref _state));

    /// <summary>The session phase the last timer set.</summary>
    public TimerKind Phase { get; private set; } = TimerKind.Closed;

    /// <summary>True while the operator's kill switch is engaged.</summary>
    public bool KillSwitchEngaged => Volatile.Read(ref _killSwitch);

    /// <summary>True between the feed watchdog's stale and restored inputs.</summary>
    public bool FeedStale => Volatile.Read(ref _feedStale);

    /// <summary>True after an operator's flatten until resume.</summary>
    public bool Flattened => Volatile.Read(ref _flattened);

    /// <summary>The receive time of the input being decided.</summary>
    public long NowNs { get; private set; }

    /// <summary>The market clock: the latest of the timers' market times and the ticks' exchange times.</summary>
    public long MarketTimeNs { get; private set; }

    /// <summary>The trading day (days since 1970 in IST, less one before the reset time), or <see cref="long.MinValue"/> before the first market time.</summary>
    public long TradingDay => _tradingDay;

    /// <summary>Equity when the trading day began.</summary>
    public long DayStartEquity => Volatile.Read(ref _dayStartEquity);

    /// <summary>Today's net loss (0 when the day is up).</summary>
    public long DailyLoss => Math.Max(0, DayStartEquity - Account.Equity);

    /// <summary>The daily line in paise: the lower of the rupee and the percentage limit (0: off).</summary>
    public long DailyLossLimit
    {
        get
        {
            long byAmount = Options.Loss.DailyLoss;
            long byPercent = Options.Loss.DailyLossPercent > 0 ? (long)(DayStartEquity * Options.Loss.DailyLossPercent / 100) : 0;
            return byAmount > 0 && byPercent > 0 ? Math.Min(byAmount, byPercent) : Math.Max(byAmount, byPercent);
        }
    }

    /// <summary>The fall from the high-water mark the drawdown rule measures.</summary>
    public long Drawdown => Options.Loss.DrawdownIncludesUnrealized
        ? Math.Max(0, Account.HighWaterMark - Account.Equity)
        : Math.Max(0, Account.RealizedHighWaterMark - Account.RealizedEquity);

    /// <summary>The net loss since the start.</summary>
    public long TotalLoss => Math.Max(0, Account.Capital - Account.Equity);

    /// <summary>True while losses in a row keep entries out.</summary>
    public bool CoolingOff => Options.Loss.MaxConsecutiveLosses > 0
        && Account.ConsecutiveLosses >= Options.Loss.MaxConsecutiveLosses
        && Account.LastLossAtNs + (long)Options.Loss.CoolOff.TotalNanoseconds > MarketTimeNs;

    /// <summary>True when the engine may trade <paramref name="token"/>, with its lot size.</summary>
    public bool TryGetLotSize(uint token, out long lotSize)
    {
        if (FactsOf(token) is { } facts)
        {
            lotSize = facts.LotSize;
            return true;
        }

        lotSize = 0;
        return false;
    }

    /// <summary>The previous session's close of <paramref name="token"/> (0 if no full tick said it).</summary>
    public long PreviousClose(uint token) => Account.Positions.PreviousClose(token);

    /// <summary>The ATR of <paramref name="token"/> in wire units, once it has enough bars (else 0).</summary>
    public double AtrOf(uint token) => FactsOf(token)?.Atr is { IsReady: true } atr ? atr.Value : 0;

    /// <summary>The sector index of <paramref name="token"/> (-1: none).</summary>
    public int SectorOf(uint token) => FactsOf(token)?.Sector ?? -1;

    /// <summary>The value held in sector <paramref name="sector"/>, at the last prices, absolute per instrument.</summary>
    public long SectorValue(int sector)
    {
        long value = 0;
        var positions = Account.Positions;
        for (int i = 0; i < positions.Count; i++)
        {
            ref readonly var p = ref positions[i];
            if (p.NetQuantity != 0 && SectorOf(p.InstrumentToken) == sector)
            {
                value += Math.Abs(p.MarketValue);
            }
        }

        return value;
    }

    /// <summary>
    /// Takes in one input before any decision on it: the time, the market clock, a tick's mark,
    /// close and ATR bar, a timer's phase, an operator's switch or state command, and the start of
    /// a new trading day (whose reset makes trading active again).
    /// </summary>
    public void Observe(ref RingEvent data)
    {
        NowNs = data.ReceiveTimestampNs;
        switch (data.Kind)
        {
            case EventKind.Tick:
                ref readonly var tick = ref data.Tick;
                Account.Mark(tick.InstrumentToken, tick.LastPrice, tick.Close);
                if (tick.ExchangeTimestamp > 0)
                {
                    MarketTimeNs = Math.Max(MarketTimeNs, tick.ExchangeTimestamp * 1_000_000_000L);
                }

                if (_withAtr && tick.ExchangeTimestamp > 0 && FactsOf(tick.InstrumentToken) is { } facts)
                {
                    UpdateAtr(facts, tick.LastPrice, tick.ExchangeTimestamp);
                }

                break;
            case EventKind.Timer:
                Phase = data.Timer;
                MarketTimeNs = Math.Max(MarketTimeNs, data.Argument);
                break;
            case EventKind.Command when data.Command == CommandKind.KillSwitch:
                Volatile.Write(ref _killSwitch, true);
                break;
            case EventKind.Command when data.Command == CommandKind.Resume:
                Volatile.Write(ref _killSwitch, false);
                Volatile.Write(ref _flattened, false);
                Transition(TradingStateTrigger.OperatorResume);
                break;
            case EventKind.Command when data.Command == CommandKind.Halt:
                Transition(TradingStateTrigger.OperatorHalt);
                break;
            case EventKind.Command when data.Command == CommandKind.Reduce:
                Transition(TradingStateTrigger.OperatorReduce);
                break;
            case EventKind.Command when data.Command == CommandKind.FeedStale:
                Volatile.Write(ref _feedStale, true);
                if (Options.States.ReduceOnStaleFeed)
                {
                    Transition(TradingStateTrigger.FeedStale);
                }

                break;
            case EventKind.Command when data.Command == CommandKind.FeedRestored:
                Volatile.Write(ref _feedStale, false);
                break;
            case EventKind.Command when data.Command == CommandKind.Rules:
                if (RiskRulesJson.TryRead(data.TextBytes, out var rules, out _))
                {
                    ApplyRules(rules);
                }
                else
                {
                    RefusedRuleSets++;
                }

                break;
            case EventKind.Command when data.Command == CommandKind.Flatten:
                Volatile.Write(ref _flattened, true);
                break;
            case EventKind.Command when data.Command == CommandKind.AccountState:
                if (Reconciliation.AccountStateJson.TryRead(data.TextBytes, out var state, out _))
                {
                    Restore(state);
                }

                break;
        }

        if (BeginDayIfDue())
        {
            Transition(TradingStateTrigger.DailyReset);
        }
    }

    /// <summary>
    /// Applies <paramref name="trigger"/> to the trading state; a change is kept, with its cause, for
    /// the monitor to write into the input's slot. Returns true when the state changed.
    /// </summary>
    public bool Transition(TradingStateTrigger trigger, in LimitDistance limit = default)
    {
        var from = State;
        var to = TradingStateMachine.Next(from, trigger);
        if (to == from)
        {
            return false;
        }

        Volatile.Write(ref System.Runtime.CompilerServices.Unsafe.As<TradingState, byte>(ref _state), (byte)to);
        if (_pendingCount < RiskStateChangeBuffer.Capacity)
        {
            _pending[_pendingCount++] = new RiskStateChange { From = from, To = to, Trigger = trigger, Limit = limit };
        }

        return true;
    }

    /// <summary>
    /// Takes a restored account: its positions and record into the account, and the day it was in
    /// with its starting equity, order count, trading state, kill switch and flatten. A later
    /// market time on another day resets the day as usual.
    /// </summary>
    public void Restore(Reconciliation.AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Account.Restore(state);
        _tradingDay = state.TradingDay;
        _nextDayStartNs = long.MinValue;
        Volatile.Write(ref _dayStartEquity, state.DayStartEquity > 0 ? state.DayStartEquity : Account.Capital);
        Budget.RestoreToday(state.OrdersToday);
        Volatile.Write(ref System.Runtime.CompilerServices.Unsafe.As<TradingState, byte>(ref _state), (byte)state.State);
        Volatile.Write(ref _killSwitch, state.KillSwitch);
        Volatile.Write(ref _flattened, state.Flattened);
    }

    /// <summary>Moves the changes since the last call into <paramref name="data"/>'s slot.</summary>
    public void TakeStateChanges(ref RingEvent data)
    {
        for (int i = 0; i < _pendingCount; i++)
        {
            data.RiskChanges[i] = _pending[i];
        }

        data.RiskChangeCount = _pendingCount;
        _pendingCount = 0;
    }

    // The trading day turns at the reset time, IST: the day's loss is measured from the equity then.
    private bool BeginDayIfDue()
    {
        if (MarketTimeNs == 0 || MarketTimeNs < _nextDayStartNs)
        {
            return false;
        }

        long ist = MarketTimeNs + IstOffsetNs;
        long day = Math.DivRem(ist, DayNs, out long timeOfDay);
        if (timeOfDay < _resetNs)
        {
            day--;
        }

        if (day <= _tradingDay)
        {
            // Only after a restore, whose day may be later than this time: not a new day.
            _nextDayStartNs = ((_tradingDay + 1) * DayNs) + _resetNs - IstOffsetNs;
            return false;
        }

        // The run's first day starts at the capital, whenever the first market time arrives.
        bool first = _tradingDay == long.MinValue;
        _tradingDay = day;
        _nextDayStartNs = ((day + 1) * DayNs) + _resetNs - IstOffsetNs;
        if (first)
        {
            return false;
        }

        Volatile.Write(ref _dayStartEquity, Account.Equity);
        Budget.ResetDay();
        return true;
    }

    private static void UpdateAtr(InstrumentFacts facts, long price, long exchangeSeconds)
    {
        long bucket = exchangeSeconds / Math.Max(1, facts.BarSeconds);
        if (facts.BarBucket != bucket)
        {
            if (facts.BarBucket != long.MinValue)
            {
                facts.Atr!.Update(new Bar(facts.BarBucket, facts.Open, facts.High, facts.Low, facts.Close, 0));
            }

            facts.BarBucket = bucket;
            facts.Open = facts.High = facts.Low = facts.Close = price;
            return;
        }

        facts.High = Math.Max(facts.High, price);
        facts.Low = Math.Min(facts.Low, price);
        facts.Close = price;
    }

    private InstrumentFacts? FactsOf(uint token) => _instruments.IndexOf(token) is int t and >= 0 ? _facts[t] : null;

    private sealed class InstrumentFacts(long lotSize, int sector, Atr? atr, int barSeconds)
    {
        public long LotSize { get; } = lotSize;

        public int Sector { get; } = sector;

        public Atr? Atr { get; } = atr;

        public int BarSeconds { get; } = barSeconds;

        public long BarBucket { get; set; } = long.MinValue;

        public double Open { get; set; }

        public double High { get; set; }

        public double Low { get; set; }

        public double Close { get; set; }
    }
}
