using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Core.Routing;

/// <summary>
/// The last stage: hands every order the risk gate accepted, and every request the order tracker
/// made (square-off, flatten), to the gateway. It runs after the journaller (gated on its
/// sequence, or after it on the same thread), so no request leaves the process before the input
/// that caused it and the request itself are in the journal. A gateway that watches the market
/// (the paper broker) sees each input here first, in sequence.
/// </summary>
public sealed class OrderRouter(IOrderGateway gateway) : IEventHandler<RingEvent>
{
    private readonly IMarketDataObserver? _market = gateway as IMarketDataObserver;
    private long _routed;

    /// <inheritdoc/>
    public string Name => "router";

    /// <summary>The gateway.</summary>
    public IOrderGateway Gateway => gateway;

    /// <summary>Requests handed to the gateway.</summary>
    public long Routed => Volatile.Read(ref _routed);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        _market?.Observe(data);

        int routed = 0;
        for (int i = 0; i < data.IntentCount; i++)
        {
            ref readonly var decision = ref data.Decisions[i];
            if (decision.IsAccepted)
            {
                gateway.Submit(decision.ToOrder(data.Intents[i], data.InputSequence, i));
                routed++;
            }
        }

        for (int i = 0; i < data.ActionCount; i++)
        {
            gateway.Submit(data.Actions[i]);
            routed++;
        }

        if (routed > 0)
        {
            Volatile.Write(ref _routed, _routed + routed);
        }
    }
}
