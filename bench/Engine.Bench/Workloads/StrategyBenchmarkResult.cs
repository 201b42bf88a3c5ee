using System.Text.Json.Serialization;

namespace Engine.Bench.Workloads;

/// <summary>What one strategy instance costs: alone, and inside the pipeline.</summary>
public sealed record StrategyBenchmarkResult
{
    /// <summary>The instance.</summary>
    [JsonPropertyName("instance")]
    public required string Instance { get; init; }

    /// <summary>Its strategy and version.</summary>
    [JsonPropertyName("strategy")]
    public required string Strategy { get; init; }

    /// <summary>Ticks measured alone (after the warm-up).</summary>
    [JsonPropertyName("ticks")]
    public long Ticks { get; init; }

    /// <summary>Intents it emitted alone.</summary>
    [JsonPropertyName("intents")]
    public long Intents { get; init; }

    /// <summary>Nanoseconds per tick in the strategy, p50.</summary>
    [JsonPropertyName("alone_p50_ns")]
    public double AloneP50Ns { get; init; }

    /// <summary>Nanoseconds per tick in the strategy, p99.</summary>
    [JsonPropertyName("alone_p99_ns")]
    public double AloneP99Ns { get; init; }

    /// <summary>Bytes allocated per tick by the strategy, after the warm-up.</summary>
    [JsonPropertyName("alone_bytes_per_tick")]
    public double AloneBytesPerTick { get; init; }

    /// <summary>Tick-to-decision p50 in the whole pipeline with this instance alone, at the paced rate (from each tick's publish).</summary>
    [JsonPropertyName("pipeline_p50_ns")]
    public double PipelineP50Ns { get; init; }

    /// <summary>Tick-to-decision p99 in the pipeline (from each tick's publish).</summary>
    [JsonPropertyName("pipeline_p99_ns")]
    public double PipelineP99Ns { get; init; }

    /// <summary>Tick-to-decision p99 from each tick's due time (coordinated omission corrected).</summary>
    [JsonPropertyName("pipeline_corrected_p99_ns")]
    public double PipelineCorrectedP99Ns { get; init; }

    /// <summary>The strategy's share of the pipeline's median tick-to-decision time.</summary>
    [JsonPropertyName("share_of_tick_to_decision")]
    public double Share => PipelineP50Ns > 0 ? Math.Min(1, AloneP50Ns / PipelineP50Ns) : double.NaN;
}
