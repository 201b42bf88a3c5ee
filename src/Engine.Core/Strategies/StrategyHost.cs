using System.Diagnostics.CodeAnalysis;
using Engine.Core.Bars;
using Engine.Core.Events;
using Engine.Core.Indicators;
using Engine.Core.Instruments;
using Engine.Core.Time;

namespace Engine.Core.Strategies;

/// <summary>
/// Runs strategy instances side by side over the engine's events: keeps each instrument's bars for
/// every period some instance wants, closes every bar of a period when event time passes its end
/// (then tells cross-sectional strategies all bars are in), hands ticks, bars and order updates to
/// the instances whose universe holds the instrument, always in configuration order, and writes
/// the intents they emit into the event's ring slot. Nothing is allocated per event.
/// </summary>
public sealed class StrategyHost
{
    private readonly StrategyInstance[] _instances;
    private readonly StrategyContext[] _contexts;
    private readonly IntentCollector _collector = new();
    private readonly TokenIndex _globalIndex = new();
    private readonly Instrument[] _instruments;
    private readonly int[][] _localIndex;
    private readonly PeriodLane[] _lanes;

    // For each instrument (by global index), the instances whose universe holds it, in
    // configuration order: routes _routeStart[g] up to _routeStart[g + 1]. A tick then visits only
    // those instances, with no per-instance look-up or virtual WantsTicks call.
    private readonly int[] _routeStart;
    private TickRoute[] _routes;
    private long _now = long.MinValue;

    /// <summary>Creates the host for <paramref name="instances"/>.</summary>
    public StrategyHost(IReadOnlyList<StrategyInstance> instances, SessionHours? session = null)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count > byte.MaxValue)
        {
            throw new StrategyConfigurationException($"At most {byte.MaxValue} strategy instances can run together; {instances.Count} are configured.");
        }

        session ??= SessionHours.Nse;
        _instances = [.. instances];
        var instruments = new List<Instrument>();
        foreach (var instrument in instances.SelectMany(i => i.Universe))
        {
            _globalIndex.GetOrAdd(instrument.InstrumentToken, out bool added);
            if (added)
            {
                instruments.Add(instrument);
            }
        }

        _instruments = [.. instruments];
        _contexts = new StrategyContext[_instances.Length];
        _localIndex = new int[_instances.Length][];
        for (int i = 0; i < _instances.Length; i++)
        {
            _contexts[i] = new StrategyContext(i, _instances[i].Name, _instances[i].Universe, _collector);
            _localIndex[i] = Enumerable.Repeat(-1, _instruments.Length).ToArray();
            for (int local = 0; local < _instances[i].Universe.Count; local++)
            {
                _localIndex[i][_globalIndex.IndexOf(_instances[i].Universe[local].InstrumentToken)] = local;
            }
        }

        _routeStart = new int[_instruments.Length + 1];
        BuildRoutes();
        _lanes = _instances
            .Select(i => i.Strategy.BarPeriod)
            .Where(p => p is not null)
            .Select(p => p!.Value)
            .Distinct()
            .Order()
            .Select(period => new PeriodLane(period, new BarClock(period, session), _instances.Select((inst, index) => (inst, index)).Where(x => x.inst.Strategy.BarPeriod == period).Select(x => x.index).ToArray(), _instruments.Length))
            .ToArray();
        foreach (var lane in _lanes)
        {
            foreach (int instance in lane.Subscribers)
            {
                foreach (var instrument in _instances[instance].Universe)
                {
                    int g = _globalIndex.IndexOf(instrument.InstrumentToken);
                    lane.Builders[g] ??= new BarBuilder(lane.Clock);
                }
            }
        }
    }

    /// <summary>The instances' contexts (names, reasons), in configuration order.</summary>
    public IReadOnlyList<StrategyContext> Contexts => _contexts;

    /// <summary>Every instrument some instance trades.</summary>
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <summary>Intents that did not fit in an event's slot and were dropped.</summary>
    public long IntentsOverflowed => _collector.Overflowed;

    /// <summary>Calls every instance's <see cref="Strategy.OnStart"/>.</summary>
    public void Start()
    {
        for (int i = 0; i < _instances.Length; i++)
        {
            _instances[i].Strategy.OnStart(_contexts[i]);
            _contexts[i].Started();
        }

        // A strategy may decide in OnStart whether it wants ticks.
        BuildRoutes();
    }

    /// <summary>Calls every instance's <see cref="Strategy.OnStop"/>.</summary>
    public void Stop()
    {
        for (int i = 0; i < _instances.Length; i++)
        {
            _instances[i].Strategy.OnStop(_contexts[i]);
        }
    }

    /// <summary>A tick, at event time <paramref name="eventTimeNs"/>; intents go into <paramref name="slot"/>.</summary>
    public void OnTick(ref RingEvent slot, long eventTimeNs)
    {
        _collector.Clear();
        Advance(eventTimeNs);
        ref readonly var tick = ref slot.Tick;
        int g = _globalIndex.IndexOf(tick.InstrumentToken);
        if (g >= 0)
        {
            double price = (double)tick.LastPrice / tick.PriceDivisor;
            foreach (var lane in _lanes)
            {
                var builder = lane.Builders[g];
                if (builder is not null)
                {
                    builder.Add(_now, price, tick.VolumeTraded);
                    if (builder.HasOpenBar && builder.OpenBarEnd < lane.NextClose)
                    {
                        lane.NextClose = builder.OpenBarEnd;
                    }
                }
            }

            var routes = _routes.AsSpan(_routeStart[g], _routeStart[g + 1] - _routeStart[g]);
            foreach (ref readonly var route in routes)
            {
                route.Context.SetLastPrice(route.Local, tick.LastPrice);
                if (route.TickStrategy is { } strategy)
                {
                    route.Context.EventTimeNs = _now;
                    strategy.OnTick(route.Local, tick, route.Context);
                }
            }
        }

        Publish(ref slot);
    }

    /// <summary>A timer or any other event that only moves time on: bars whose period has ended close.</summary>
    public void OnTime(ref RingEvent slot, long eventTimeNs)
    {
        _collector.Clear();
        Advance(eventTimeNs);
        Publish(ref slot);
    }

    /// <summary>An order update.</summary>
    public void OnOrderUpdate(ref RingEvent slot, long eventTimeNs)
    {
        _collector.Clear();
        Advance(eventTimeNs);
        int g = _globalIndex.IndexOf(slot.Order.InstrumentToken);
        if (g >= 0)
        {
            for (int i = 0; i < _instances.Length; i++)
            {
                int local = _localIndex[i][g];
                if (local >= 0)
                {
                    _contexts[i].EventTimeNs = _now;
                    _instances[i].Strategy.OnOrderUpdate(local, slot.Order, _contexts[i]);
                }
            }
        }

        Publish(ref slot);
    }

    // Event time only moves forward: a tick stamped a little earlier than one already seen (ticks
    // of different instruments carry second-resolution exchange times) cannot reopen a closed bar.
    private void Advance(long eventTimeNs)
    {
        if (eventTimeNs > _now)
        {
            _now = eventTimeNs;
        }

        foreach (var lane in _lanes)
        {
            if (_now < lane.NextClose)
            {
                continue;
            }

            long periodEnd = lane.NextClose;
            lane.NextClose = long.MaxValue;
            for (int g = 0; g < lane.Builders.Length; g++)
            {
                var builder = lane.Builders[g];
                if (builder is null || !builder.TryClose(_now, out var bar))
                {
                    continue;
                }

                foreach (int i in lane.Subscribers)
                {
                    int local = _localIndex[i][g];
                    if (local >= 0)
                    {
                        _contexts[i].EventTimeNs = periodEnd;
                        _instances[i].Strategy.OnBar(local, bar, _contexts[i]);
                    }
                }
            }

            foreach (int i in lane.Subscribers)
            {
                _contexts[i].EventTimeNs = periodEnd;
                _instances[i].Strategy.OnBarsClosed(periodEnd, _contexts[i]);
            }
        }

        foreach (var context in _contexts)
        {
            context.EventTimeNs = _now;
        }
    }

    [MemberNotNull(nameof(_routes))]
    private void BuildRoutes()
    {
        var routes = new List<TickRoute>();
        for (int g = 0; g < _instruments.Length; g++)
        {
            _routeStart[g] = routes.Count;
            for (int i = 0; i < _instances.Length; i++)
            {
                if (_localIndex[i][g] >= 0)
                {
                    var strategy = _instances[i].Strategy;
                    routes.Add(new TickRoute(_contexts[i], strategy.WantsTicks ? strategy : null, _localIndex[i][g]));
                }
            }
        }

        _routeStart[_instruments.Length] = routes.Count;
        _routes = [.. routes];
    }

    private void Publish(ref RingEvent slot)
    {
        var intents = _collector.Intents;

        // Written on every event, changed or not: writing it (and the later stages' counts) only
        // on a change measured 0.70x on two cores (docs/ring-event.md).
        slot.IntentCount = intents.Length;
        for (int i = 0; i < intents.Length; i++)
        {
            slot.Intents[i] = intents[i];
        }
    }

    // TickStrategy is null for an instance that wants bars only: its tick is its last price.
    private readonly record struct TickRoute(StrategyContext Context, Strategy? TickStrategy, int Local);

    private sealed class PeriodLane(BarPeriod period, BarClock clock, int[] subscribers, int instruments)
    {
        public BarPeriod Period { get; } = period;

        public BarClock Clock { get; } = clock;

        public int[] Subscribers { get; } = subscribers;

        public BarBuilder?[] Builders { get; } = new BarBuilder?[instruments];

        public long NextClose { get; set; } = long.MaxValue;
    }
}
