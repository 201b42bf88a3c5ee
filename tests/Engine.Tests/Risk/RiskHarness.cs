using Engine.Core.Charges;
using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Risk;
using Engine.Core.Strategies;

namespace Engine.Tests;

/// <summary>
/// The risk stage as the pipeline runs it (gate, order tracker, monitor, one slot at a time),
/// driven input by input: ticks that mark the account, timers, commands, intents, and fills put
/// straight into the account. Charges are off unless a schedule is given, so the rule math can be
/// worked by hand.
/// </summary>
internal sealed class RiskHarness
{
    public static readonly Instrument Infy = new(408065, 1594, "INFY", "INFOSYS", 0, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");
    public static readonly Instrument Tcs = new(2953217, 11536, "TCS", "TATA CONSULTANCY SERV LT", 0, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");
    public static readonly Instrument Future = new(13238786, 51714, "NIFTY26NOVFUT", "NIFTY", 0, new DateOnly(2026, 11, 26), 0, 0.1m, 75, "FUT", "NFO-FUT", "NFO");

    public static readonly OrderBudgetLimits NoBudgets = new() { PerSecond = 0, PerMinute = 0, PerDay = 0, SebiPerSecond = 0 };

    public static readonly ChargeSchedule NoCharges = new()
    {
        EquityIntraday = new ChargeRates(),
        EquityDelivery = new ChargeRates(),
        Futures = new ChargeRates(),
        Options = new ChargeRates(),
    };

    // 2026-12-01 10:00 IST, a Tuesday, in Unix ns.
    public static readonly long Morning = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(5.5)).ToUnixTimeMilliseconds() * 1_000_000;

    private RingEvent _slot;
    private long _sequence;

    public RiskHarness(RiskGateOptions options, ChargeSchedule? charges = null, params Instrument[] instruments)
    {
        instruments = instruments.Length == 0 ? [Infy, Tcs, Future] : instruments;
        Account = new TradingAccount(options.Capital, charges ?? NoCharges, instruments);
        Context = new RiskContext(options, Account, instruments);
        Gate = new RiskGate(Context);
        Tracker = new OrderTracker(new OrderTrackerOptions(), Account, Context.Budget);
        Monitor = new RiskMonitor(Context, Tracker.RequestFlatten);
        Now = Morning;
        Timer(TimerKind.Open);
    }

    public TradingAccount Account { get; }

    public RiskContext Context { get; }

    public RiskGate Gate { get; }

    public OrderTracker Tracker { get; }

    public RiskMonitor Monitor { get; }

    /// <summary>The receive time and market time of the next input.</summary>
    public long Now { get; set; }

    /// <summary>The slot of the last input, as the journal would see it.</summary>
    public ref RingEvent Last => ref _slot;

    public void Advance(TimeSpan by) => Now += (long)by.TotalNanoseconds;

    public void Timer(TimerKind timer)
    {
        Begin(EventKind.Timer);
        _slot.Timer = timer;
        _slot.Argument = Now;
        Run();
    }

    public void Command(CommandKind command, byte[]? text = null)
    {
        Begin(EventKind.Command);
        _slot.Command = command;
        _slot.SetText(text ?? []);
        Run();
    }

    /// <summary>A tick at <paramref name="rupees"/>, with the previous close if given.</summary>
    public void Tick(Instrument instrument, decimal rupees, decimal previousClose = 0)
    {
        Begin(EventKind.Tick);
        _slot.Tick = new Engine.Core.Market.Tick
        {
            InstrumentToken = instrument.InstrumentToken,
            Mode = Engine.Core.Market.TickMode.Full,
            Segment = instrument.Segment,
            Tradable = true,
            PriceDivisor = 100,
            LastPrice = (long)(rupees * 100),
            Close = (long)(previousClose * 100),
            ExchangeTimestamp = Now / 1_000_000_000,
        };
        Run();
    }

    /// <summary>One intent on a tick-less input; returns the gate's decision.</summary>
    public GateDecision Intent(Instrument instrument, Side side, decimal price = 0, decimal stop = 0)
    {
        Begin(EventKind.BrokerText);
        _slot.Intents[0] = new SignalIntent { InstrumentToken = instrument.InstrumentToken, Side = side, Price = (long)(price * 100), Stop = (long)(stop * 100) };
        _slot.IntentCount = 1;
        Run();
        return _slot.Decisions[0];
    }

    /// <summary>A fill straight into the account (as the tracker applies one), then an input for the monitor to see it.</summary>
    public void Fill(Instrument instrument, Side side, long quantity, decimal rupees)
    {
        Account.Fill(instrument.InstrumentToken, Product.Mis, side, quantity, (long)(rupees * 100), 0, Now);
        Begin(EventKind.BrokerText);
        Run();
    }

    private void Begin(EventKind kind)
    {
        _slot.Kind = kind;
        _slot.IntentCount = 0;
        _slot.ReceiveTimestampNs = Now;
        _slot.InputSequence = _sequence;
    }

    private void Run()
    {
        Gate.OnEvent(ref _slot, _sequence, true);
        Tracker.OnEvent(ref _slot, _sequence, true);
        Monitor.OnEvent(ref _slot, _sequence, true);
        _sequence++;
    }
}
