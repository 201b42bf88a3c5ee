using Engine.Core.Events;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Ring;

namespace Engine.Core.Pipeline;

/// <summary>
/// Indicators and strategies as a ring stage: turns each input into event time (the market
/// clock over the receive time; a timer's own scheduled time) and hands it to the
/// <see cref="StrategyHost"/>, which writes the intents into the slot. Every slot leaves this
/// stage with its intent count set, so later stages never read a previous lap's intents.
/// The host is started by whoever composes the pipeline (before any event), and stopped when
/// this stage shuts down.
/// </summary>
public sealed class SignalStage(StrategyHost host, MarketClock clock) : IEventHandler<RingEvent>
{
    private long _ticks;
    private long _intents;
    private long _events;

    /// <inheritdoc/>
    public string Name => "signals";

    /// <summary>The host.</summary>
    public StrategyHost Host => host;

    /// <summary>The market clock.</summary>
    public MarketClock Clock => clock;

    /// <summary>Ticks handled.</summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Events of any kind handled.</summary>
    public long Events => Volatile.Read(ref _events);

    /// <summary>Intents emitted.</summary>
    public long Intents => Volatile.Read(ref _intents);

    /// <inheritdoc/>
    public void OnShutdown() => host.Stop();

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        switch (data.Kind)
        {
            case EventKind.Tick:
                host.OnTick(ref data, clock.ToMarket(data.ReceiveTimestampNs));
                Volatile.Write(ref _ticks, _ticks + 1);
                break;
            case EventKind.OrderUpdate:
                host.OnOrderUpdate(ref data, clock.ToMarket(data.ReceiveTimestampNs));
                break;
            case EventKind.Timer:
                host.OnTime(ref data, data.Argument);
                break;
            case EventKind.Command when data.Command == CommandKind.Order:
                OperatorIntent(ref data);
                break;
            case EventKind.None:
            case EventKind.Undecodable:
                // Nothing the strategies may act on: not even its time, which the decoder could not read.
                data.IntentCount = 0;
                break;
            default:
                host.OnTime(ref data, clock.ToMarket(data.ReceiveTimestampNs));
                break;
        }

        if (data.IntentCount > 0)
        {
            Volatile.Write(ref _intents, _intents + data.IntentCount);
        }

        if (data.Stamped)
        {
            data.Stamps.Decided = StageStamps.Now();
        }

        Volatile.Write(ref _events, _events + 1);
    }

    // An operator's order is an intent with its own quantity; the strategies see its time only.
    private static void OperatorIntent(ref RingEvent data)
    {
        var (token, side, quantity) = OperatorOrder.Unpack(data.Argument);
        data.Intents[0] = new SignalIntent
        {
            InstrumentToken = token,
            Side = side,
            StrategyIndex = SignalIntent.OperatorIndex,
            Strength = 1,
            Quantity = (int)quantity,
        };
        data.IntentCount = 1;
    }
}
