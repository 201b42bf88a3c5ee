using BenchmarkDotNet.Attributes;
using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Risk;
using Engine.Core.Strategies;

namespace Engine.Benchmarks.Risk;

/// <summary>
/// One intent through the risk gate: every rule of the shipped rule set (sizing, price, exposure
/// with a book of 20 open positions, loss lines, budgets) against the first rules only (kill
/// switch, flatten, tradability, session, fixed lots), the baseline in the same run. Intents
/// alternate buy and sell so the budgets' windows keep room; each gets its own receive time.
/// </summary>
[MemoryDiagnoser]
public class RiskGateBenchmarks
{
    private const int Instruments = 20;
    private RiskGate _gate = null!;
    private RingEvent _slot;
    private long _now;
    private uint[] _tokens = [];

    /// <summary>Every rule of the shipped set, or the first rules only.</summary>
    [Params(true, false)]
    public bool EveryRule { get; set; }

    /// <summary>Builds the gate over a book with a position in every instrument.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        var instruments = Enumerable.Range(0, Instruments).Select(i => new Instrument((uint)((1000 + i) * 256) + 1, (uint)(1000 + i), $"S{i}", $"S{i}", 100, null, 0, 0.05m, 1, "EQ", "NSE", "NSE")).ToArray();
        _tokens = instruments.Select(i => i.InstrumentToken).ToArray();
        var sectors = instruments.ToDictionary(i => i.TradingSymbol, i => $"sector{i.ExchangeToken % 4}");
        var options = EveryRule
            ? new RiskGateOptions
            {
                Sizing = new SizingOptions { Method = SizingMethod.FixedFraction, RiskPercent = 0.5, MaxLots = 100 },
                Exposure = new ExposureLimits { MaxOrderValue = 2_00_000_00, MaxPositionValue = 3_00_000_00, MaxSectorValue = 50_00_000_00, Sectors = sectors, MaxOpenPositions = 50, MaxGrossExposure = 1_00_00_000_00, MaxNetExposure = 1_00_00_000_00 },
                Loss = new LossLimits { DailyLoss = 20_000_00, DailyLossPercent = 2, MaxLoss = 50_000_00, TrailingDrawdown = 30_000_00, MaxConsecutiveLosses = 5 },
                Budgets = new OrderBudgetLimits { PerSecond = 1_000_000, PerMinute = 1_000_000, PerDay = 10_000_000 },
            }
            : new RiskGateOptions
            {
                Price = new PriceLimits { CircuitBandPercent = 0, FatFingerPercent = 0 },
                Budgets = new OrderBudgetLimits { PerSecond = 0, PerMinute = 0, PerDay = 0, SebiPerSecond = 0 },
            };
        var account = new TradingAccount(options.Capital, null, instruments);
        var context = new RiskContext(options, account, instruments);
        _gate = new RiskGate(context);
        var open = new RingEvent { Kind = EventKind.Timer, Timer = TimerKind.Open, Argument = 1_700_000_000_000_000_000 };
        _gate.OnEvent(ref open, 0, true);
        foreach (var token in _tokens)
        {
            var tick = new RingEvent { Kind = EventKind.Tick };
            tick.Tick = new Engine.Core.Market.Tick { InstrumentToken = token, LastPrice = 10_000, Close = 10_000, PriceDivisor = 100, ExchangeTimestamp = 1_700_000_000 };
            _gate.OnEvent(ref tick, 0, true);
            account.Fill(token, Product.Mis, Side.Buy, 10, 10_000, 0, 1);
        }

        _slot.Kind = EventKind.BrokerText;
        _slot.IntentCount = 1;
        _now = 1_700_000_000_000_000_000;
    }

    /// <summary>One intent decided.</summary>
    [Benchmark]
    public RiskVerdict Decide()
    {
        _now += 1_000;
        long n = _now / 1_000;
        _slot.ReceiveTimestampNs = _now;
        _slot.Intents[0] = new SignalIntent { InstrumentToken = _tokens[n % Instruments], Side = (n & 1) == 0 ? Side.Buy : Side.Sell, Price = 10_000, Stop = 9_900 };
        _gate.OnEvent(ref _slot, n, true);
        return _slot.Decisions[0].Verdict;
    }
}
