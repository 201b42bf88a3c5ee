using Engine.Ring;

namespace Engine.Core.Pipeline;

/// <summary>How to build the engine's ring and place its stages.</summary>
public sealed record TradingPipelineOptions
{
    /// <summary>Ring slots (a power of two).</summary>
    public int RingSize { get; init; } = 1 << 16;

    /// <summary>Single producer (a replay) or several (ticker connections, timers, operator commands).</summary>
    public ProducerType ProducerType { get; init; } = ProducerType.Multi;

    /// <summary>How consumers wait for events.</summary>
    public IWaitStrategy WaitStrategy { get; init; } = new YieldingWaitStrategy();

    /// <summary>Why that wait strategy (shown in the placement report).</summary>
    public string? WaitStrategyReason { get; init; }

    /// <summary>How stages share threads.</summary>
    public PipelinePlacement Placement { get; init; } = PipelinePlacement.Fused;

    /// <summary>Thread name to core, for pinning; threads not named run unpinned.</summary>
    public IReadOnlyDictionary<string, int> Cores { get; init; } = new Dictionary<string, int>();

    /// <summary>Where ring faults are reported.</summary>
    public Action<string>? Log { get; init; }
}
