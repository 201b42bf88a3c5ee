using Engine.Core.Pipeline;
using Engine.Ring;

namespace Engine.Host.Configuration;

/// <summary>The ring, the placement of its stages on threads and cores, and how they wait.</summary>
/// <param name="RingSize">Slots, a power of two.</param>
/// <param name="Placement">Fused, staged or per-stage; null picks from the core count.</param>
/// <param name="WaitStrategy">The wait strategy; null picks from the core count.</param>
/// <param name="Cores">Thread name to the core it is pinned to.</param>
/// <param name="Precompile">Compile the engine's own methods (and custom strategies') at start, before the first tick, so the first order of the day does not pay for compiling its path.</param>
public sealed record PipelineSettings(int RingSize, PipelinePlacement? Placement, WaitStrategyKind? WaitStrategy, IReadOnlyDictionary<string, int> Cores, bool Precompile = true);
