using Engine.Core.Inputs;
using Engine.Core.Routing;

namespace Engine.Host.Gateways;

/// <summary>
/// An order gateway as the engine runs it: the router hands it requests on its thread (without
/// blocking), it does the broker's work on threads of its own, and it brings every answer back
/// through the input door, so the journal holds it before anything acts on it.
/// </summary>
public interface IEngineGateway : IOrderGateway, IAsyncDisposable
{
    /// <summary>What it did so far.</summary>
    GatewayCounters Counters { get; }

    /// <summary>Starts its threads; answers go through <paramref name="inputs"/>.</summary>
    void Start(InputPublisher inputs);

    /// <summary>
    /// At shutdown, after the ring drained: finishes the requests in flight (their answers still
    /// enter the ring), waiting at most <paramref name="timeout"/>, and sends nothing more; returns
    /// false if some were still in flight.
    /// </summary>
    Task<bool> DrainAsync(TimeSpan timeout);
}
