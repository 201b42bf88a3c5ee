using Engine.Core.Orders;

namespace Engine.Core.Routing;

/// <summary>Counts orders and sends nothing: replays and benchmarks.</summary>
public sealed class NullOrderGateway : IOrderGateway
{
    private long _submitted;

    /// <inheritdoc/>
    public string Name => "null";

    /// <summary>Orders handed over.</summary>
    public long Submitted => Volatile.Read(ref _submitted);

    /// <inheritdoc/>
    public void Submit(in OrderRequest order) => Volatile.Write(ref _submitted, _submitted + 1);
}
