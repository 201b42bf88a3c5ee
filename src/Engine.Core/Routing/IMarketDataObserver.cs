using Engine.Core.Market;

namespace Engine.Core.Routing;

/// <summary>
/// A gateway that needs the engine's own view of the market (the paper broker, which fills
/// against the ticks in the ring). The router calls it on its thread, in sequence, before the
/// orders of the same event, so fills follow the ticks exactly as the pipeline saw them.
/// </summary>
public interface IMarketDataObserver
{
    /// <summary>Sees one tick; must not allocate or block.</summary>
    void OnTick(in Tick tick, long inputSequence);
}
