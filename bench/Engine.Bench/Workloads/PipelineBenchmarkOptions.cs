namespace Engine.Bench.Workloads;

/// <summary>Settings of <c>engine bench pipeline</c>.</summary>
public sealed record PipelineBenchmarkOptions
{
    /// <summary>The configuration whose strategies, instruments and risk settings run.</summary>
    public string ConfigFile { get; init; } = Path.Combine("config", "engine.yaml");

    /// <summary>Ticks in the generated journal.</summary>
    public long Ticks { get; init; } = 5_000_000;

    /// <summary>Ticks per second of the recorded (and paced) stream.</summary>
    public double PacedRate { get; init; } = 100_000;

    /// <summary>How long the paced latency run lasts.</summary>
    public TimeSpan PacedDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the journal is generated; a temporary folder by default (deleted after).</summary>
    public string? Folder { get; init; }

    /// <summary>
    /// Seal the generated journal's segments into LZ4 frames, so the replay also pays for
    /// decompression (a third busy thread). By default the segments stay as written, and the
    /// benchmark measures the pipeline itself.
    /// </summary>
    public bool Sealed { get; init; }

    /// <summary>Keep the generated journal.</summary>
    public bool Keep { get; init; }

    /// <summary>Write the corrected latency's percentile distribution (HdrHistogram's format, µs) here.</summary>
    public string? HistogramFile { get; init; }

    /// <summary>The consumers' wait strategy; null: the engine's choice for this machine.</summary>
    public Engine.Ring.WaitStrategyKind? WaitStrategy { get; init; }
}
