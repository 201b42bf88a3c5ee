using Engine.Core.Market;
using Engine.Core.Strategies;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Strategies;

/// <summary>
/// Which instances a tick reaches: every instance whose universe holds the instrument, in
/// configuration order, with the instrument's index in that instance's universe; OnTick only for
/// the instances that want ticks, the last price for all of them; nothing for anyone else.
/// </summary>
public sealed class TickDispatchTests
{
    private static readonly Engine.Core.Instruments.Instrument[] Pool =
        Enumerable.Range(0, 8).Select(i => Script.Equity($"S{i}", (uint)(300 + i))).ToArray();

    [Fact]
    public void EveryTickReachesTheInstancesHoldingItsInstrumentInConfigurationOrder()
    {
        // An instance: a universe (indices into the pool, in its own order) and whether it wants ticks.
        var instance = Gen.Shuffle(Enumerable.Range(0, Pool.Length).ToArray())
            .SelectMany(order => Gen.Choose(1, Pool.Length).Select(n => order.Take(n).ToArray()))
            .SelectMany(universe => Gen.Elements(true, false).Select(wants => (Universe: universe, Wants: wants)));
        var instances = Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(instance, n));

        // Ticks of pool instruments, some of which no instance trades, and of an unknown token.
        var ticks = Gen.ListOf(Gen.Choose(-1, Pool.Length - 1));
        Prop.ForAll(Arb.From(instances), Arb.From(ticks), (configured, tickedInstruments) =>
        {
            var calls = new List<(int Instance, int Local, uint Token)>();
            var strategies = configured.Select((c, index) => new RecordingStrategy(index, c.Wants, calls)).ToArray();
            var script = new Script(configured.Select((c, index) => new StrategyInstance($"i{index}", strategies[index], c.Universe.Select(u => Pool[u]).ToArray())).ToArray());
            var unknown = Script.Equity("UNKNOWN", 999);
            var expected = new List<(int Instance, int Local, uint Token)>();
            long time = Script.At(9, 20);
            for (int t = 0; t < tickedInstruments.Count; t++)
            {
                int p = tickedInstruments[t];
                var instrument = p < 0 ? unknown : Pool[p];
                double price = 100 + t;
                script.Tick(instrument, time += 1_000_000_000, price);
                for (int i = 0; i < configured.Length; i++)
                {
                    int local = Array.IndexOf(configured[i].Universe, p);
                    if (p >= 0 && local >= 0)
                    {
                        Assert.Equal(price, script.Host.Contexts[i].LastPrice(local));
                        if (configured[i].Wants)
                        {
                            expected.Add((i, local, instrument.InstrumentToken));
                        }
                    }
                }
            }

            Assert.Equal(expected, calls);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AStrategyThatDecidesInOnStartToWantTicksGetsThem()
    {
        var calls = new List<(int Instance, int Local, uint Token)>();
        var strategy = new DecidingStrategy(calls);
        var script = new Script(new StrategyInstance("late", strategy, [Pool[2], Pool[5]]));
        script.Tick(Pool[5], Script.At(9, 20), 101);

        Assert.Equal([(0, 1, Pool[5].InstrumentToken)], calls);
    }

    // Wants ticks only once started, as a strategy reading its settings in OnStart would.
    private sealed class DecidingStrategy(List<(int Instance, int Local, uint Token)> calls) : Strategy
    {
        private bool _started;

        public override bool WantsTicks => _started;

        public override void OnStart(StrategyContext context) => _started = true;

        public override void OnTick(int instrument, in Tick tick, StrategyContext context) => calls.Add((0, instrument, tick.InstrumentToken));
    }

    private sealed class RecordingStrategy(int index, bool wantsTicks, List<(int Instance, int Local, uint Token)> calls) : Strategy
    {
        public override bool WantsTicks => wantsTicks;

        public override void OnTick(int instrument, in Tick tick, StrategyContext context)
        {
            Assert.Equal(context.Universe[instrument].InstrumentToken, tick.InstrumentToken);
            calls.Add((index, instrument, tick.InstrumentToken));
        }
    }
}
