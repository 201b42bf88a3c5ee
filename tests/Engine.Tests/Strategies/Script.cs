using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Strategies;

namespace Engine.Tests.Strategies;

/// <summary>Scripted market days for strategy tests: ticks at given IST times through a real <see cref="StrategyHost"/>.</summary>
internal sealed class Script
{
    public static readonly DateOnly Day = new(2026, 11, 20);

    private readonly StrategyHost _host;
    private readonly Dictionary<uint, long> _volume = [];

    public Script(params StrategyInstance[] instances)
    {
        _host = new StrategyHost(instances);
        _host.Start();
    }

    public StrategyHost Host => _host;

    public List<(long TimeNs, SignalIntent Intent)> Intents { get; } = [];

    public static Instrument Equity(string symbol, uint exchangeToken, decimal tick = 0.05m) =>
        new(exchangeToken * 256 + 1, exchangeToken, symbol, symbol, 100, null, 0, tick, 1, "EQ", "NSE", "NSE");

    public static long At(int hour, int minute, int second = 0, DateOnly? day = null) =>
        new DateTimeOffset(day ?? Day, new TimeOnly(hour, minute, second), TimeSpan.FromMinutes(330)).ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>One tick of <paramref name="instrument"/> at <paramref name="price"/> rupees with <paramref name="traded"/> more units traded.</summary>
    public void Tick(Instrument instrument, long timeNs, double price, long traded = 100)
    {
        _volume[instrument.InstrumentToken] = _volume.GetValueOrDefault(instrument.InstrumentToken) + traded;
        var slot = new RingEvent { Kind = EventKind.Tick };
        slot.Tick = new Tick
        {
            InstrumentToken = instrument.InstrumentToken,
            Mode = TickMode.Quote,
            Segment = instrument.Segment,
            Tradable = true,
            PriceDivisor = 100,
            LastPrice = (long)Math.Round(price * 100),
            VolumeTraded = _volume[instrument.InstrumentToken],
        };
        _host.OnTick(ref slot, timeNs);
        Collect(ref slot, timeNs);
    }

    /// <summary>A bar as four ticks (open, high, low, close) inside the minute starting at <paramref name="minuteStartNs"/>.</summary>
    public void Bar(Instrument instrument, long minuteStartNs, double open, double high, double low, double close, long volume = 400)
    {
        Tick(instrument, minuteStartNs + 1_000_000_000, open, volume / 4);
        Tick(instrument, minuteStartNs + 10_000_000_000, high, volume / 4);
        Tick(instrument, minuteStartNs + 20_000_000_000, low, volume / 4);
        Tick(instrument, minuteStartNs + 50_000_000_000, close, volume - (3 * (volume / 4)));
    }

    /// <summary>Moves event time on (a timer): bars that have ended close.</summary>
    public void Time(long timeNs)
    {
        var slot = new RingEvent { Kind = EventKind.Timer };
        _host.OnTime(ref slot, timeNs);
        Collect(ref slot, timeNs);
    }

    private void Collect(ref RingEvent slot, long timeNs)
    {
        for (int i = 0; i < slot.IntentCount; i++)
        {
            Intents.Add((timeNs, slot.Intents[i]));
        }
    }
}
