using Engine.Core.Events;

namespace Engine.Core.Routing;

/// <summary>
/// A gateway that needs the engine's own view of the market (the paper broker, which fills
/// against the ticks in the ring). The router shows it every input, on its thread, in sequence,
/// before the orders of the same input, so fills follow the ticks exactly as the pipeline saw
/// them, and the answers can carry the receive time of the input that caused them (one time
/// base, whether the inputs are live or replayed).
/// </summary>
public interface IMarketDataObserver
{
    /// <summary>Sees one input; must not allocate or block.</summary>
    void Observe(in RingEvent input);
}
