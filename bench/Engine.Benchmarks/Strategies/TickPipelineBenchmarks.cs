using BenchmarkDotNet.Attributes;
using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Strategies;

namespace Engine.Benchmarks.Strategies;

/// <summary>
/// One tick through the strategy stage: the bar builders, five indicators and one strategy, over
/// 50 instruments ticking round-robin every 20 ms of event time. "Bars": the indicators update on
/// one-minute bars. "Ticks": they update on every tick (the heavier case).
/// </summary>
[MemoryDiagnoser]
public class TickPipelineBenchmarks
{
    private const int Instruments = 50;
    private const int Ticks = 100_000;
    private StrategyHost _host = null!;
    private RingEvent[] _slots = [];
    private long[] _times = [];

    /// <summary>Indicators on bars or on ticks.</summary>
    [Params(false, true)]
    public bool IndicatorsOnTicks { get; set; }

    /// <summary>Builds the host and a random walk of ticks.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        var universe = Enumerable.Range(0, Instruments).Select(i => new Instrument((uint)((1000 + i) * 256) + 1, (uint)(1000 + i), $"S{i}", $"S{i}", 100, null, 0, 0.05m, 1, "EQ", "NSE", "NSE")).ToArray();
        _host = new StrategyHost([new StrategyInstance("five", new FiveIndicatorStrategy(IndicatorsOnTicks), universe)]);
        _host.Start();
        _slots = new RingEvent[Ticks];
        _times = new long[Ticks];
        var random = new Engine.Core.Determinism.SeededRandom(1);
        var prices = Enumerable.Repeat(100_000L, Instruments).ToArray();
        long volume = 0;
        long open = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330)).ToUnixTimeMilliseconds() * 1_000_000;
        for (int t = 0; t < Ticks; t++)
        {
            int i = t % Instruments;
            prices[i] += random.Next(-10, 11) * 5;
            ref var slot = ref _slots[t];
            slot.Kind = EventKind.Tick;
            slot.Tick = new Tick { InstrumentToken = universe[i].InstrumentToken, Mode = TickMode.Quote, Segment = ExchangeSegment.Nse, Tradable = true, PriceDivisor = 100, LastPrice = prices[i], VolumeTraded = volume += 10 };
            _times[t] = open + (t * 20_000_000L);
        }
    }

    /// <summary>100,000 ticks (about 33 minutes of event time).</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public void TickThroughBarsIndicatorsAndStrategy()
    {
        var slots = _slots;
        var times = _times;
        long shift = _round++ * 86_400_000_000_000L;   // each invocation is a new day, so time keeps moving forward
        for (int t = 0; t < slots.Length; t++)
        {
            _host.OnTick(ref slots[t], times[t] + shift);
        }
    }

    private long _round;
}
