using Engine.Ring;

namespace Engine.Core.Pipeline;

/// <summary>How to build the engine's ring and place its stages.</summary>
public sealed record TradingPipelineOptions
{
    /// <summary>
    /// The one default ring size (<c>pipeline.ring_size</c>, replays and benchmarks alike): 4,096
    /// slots of 3,136 bytes absorb a burst while the slots a tick touches stay cached; docs/ring-event.md has the measurement.
    /// </summary>
    public const int DefaultRingSize = 1 << 12;

    /// <summary>
    /// The ring when the producer and the logic thread share one core (<c>engine replay --core</c>):
    /// 1,024 slots, about 3.2 MB, so the slots both threads touch stay in that core's own cache.
    /// On the 2-core Intel Xeon VM (4 MiB of L2 a core) <c>bench pipeline</c>'s one-core figure was
    /// 6.9–7.4 M ticks/s at 1,024 slots against 5.8–6.1 M at 4,096 and 5.8 M at 16,384, in alternating
    /// runs; there is no burst to absorb, as the producer only runs when the logic thread lets it.
    /// </summary>
    public const int OneCoreRingSize = 1 << 10;

    /// <summary>Ring slots (a power of two).</summary>
    public int RingSize { get; init; } = DefaultRingSize;

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

    /// <summary>
    /// One producer and one logic thread that runs every stage, yielding while it waits: how a
    /// replay, a restart's restore and a backtest run the pipeline. <paramref name="reason"/> goes into the placement report.
    /// </summary>
    public static TradingPipelineOptions SingleProducerFused(string reason) => new()
    {
        RingSize = DefaultRingSize,
        ProducerType = ProducerType.Single,
        WaitStrategy = new YieldingWaitStrategy(),
        WaitStrategyReason = reason,
        Placement = PipelinePlacement.Fused,
    };
}
