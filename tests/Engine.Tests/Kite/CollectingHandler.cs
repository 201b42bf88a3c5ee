using System.Collections.Concurrent;
using Engine.Core.Events;
using Engine.Core.Market;
using Engine.Ring;

namespace Engine.Tests.Kite;

/// <summary>A ring consumer that keeps copies of every tick and text event, for end-to-end assertions.</summary>
internal sealed class CollectingHandler : IEventHandler<RingEvent>
{
    public ConcurrentQueue<Tick> Ticks { get; } = new();

    public ConcurrentQueue<(EventKind Kind, string Text)> Texts { get; } = new();

    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.Tick)
        {
            Ticks.Enqueue(data.Tick);
        }
        else if (data.Kind is EventKind.OrderUpdate or EventKind.BrokerText)
        {
            Texts.Enqueue((data.Kind, System.Text.Encoding.UTF8.GetString(data.TextBytes)));
        }
    }
}
