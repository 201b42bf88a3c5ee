using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Core.Routing;

/// <summary>
/// The last stage: hands every order the risk gate accepted to the gateway. It runs after the
/// journaller (gated on its sequence, or after it on the same thread), so no order leaves the
/// process before the input that caused it and the order itself are in the journal.
/// </summary>
public sealed class OrderRouter(IOrderGateway gateway) : IEventHandler<RingEvent>
{
    private long _routed;

    /// <inheritdoc/>
    public string Name => "router";

    /// <summary>The gateway.</summary>
    public IOrderGateway Gateway => gateway;

    /// <summary>Orders handed to the gateway.</summary>
    public long Routed => Volatile.Read(ref _routed);

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        for (int i = 0; i < data.IntentCount; i++)
        {
            ref readonly var decision = ref data.Decisions[i];
            if (decision.IsAccepted)
            {
                gateway.Submit(decision.ToOrder(data.Intents[i], data.InputSequence, i));
                Volatile.Write(ref _routed, _routed + 1);
            }
        }
    }
}
