using Engine.Core.Pipeline;
using Engine.Ring;

namespace Engine.Host.Configuration;

/// <summary>The ring, the placement of its stages on threads and cores, and how they wait.</summary>
/// <param name="RingSize">Slots, a power of two.</param>
/// <param name="Placement">Fused, staged or per-stage; null picks from the core count.</param>
/// <param name="WaitStrategy">The wait strategy; null picks from the core count.</param>
/// <param name="Cores">Thread name to the core it is pinned to: the placement's stage threads, and <c>ticker</c> for the live ticker's receive threads.</param>
/// <param name="Precompile">Compile the engine's own methods (and custom strategies') at start, before the first tick, so the first order of the day does not pay for compiling its path.</param>
public sealed record PipelineSettings(int RingSize, PipelinePlacement? Placement, WaitStrategyKind? WaitStrategy, IReadOnlyDictionary<string, int> Cores, bool Precompile = true)
{
    /// <summary>The name in <see cref="Cores"/> of the live ticker's receive threads, which read, decode and publish the ticks.</summary>
    public const string TickerThread = "ticker";

    /// <summary>The core the ticker's receive threads are pinned to, if any.</summary>
    public int? TickerCore => Cores.TryGetValue(TickerThread, out int core) ? core : null;

    /// <summary>The stage threads' cores: <see cref="Cores"/> without the ticker's.</summary>
    public IReadOnlyDictionary<string, int> StageCores => Cores.Where(p => p.Key != TickerThread).ToDictionary(p => p.Key, p => p.Value);
}
