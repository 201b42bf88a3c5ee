using Engine.Core.Orders;

namespace Engine.Core.Routing;

/// <summary>
/// Where the router hands an order that is journaled and ready to leave the process: Kite's REST
/// API, the simulator or the paper broker. Called on the
/// router's thread for every order in sequence order, so an implementation must not block: it
/// hands the order to its own I/O thread.
/// </summary>
public interface IOrderGateway
{
    /// <summary>A name for the placement report and the logs.</summary>
    string Name { get; }

    /// <summary>Takes an order. Must not allocate or block on the hot path.</summary>
    void Submit(in OrderRequest order);
}
