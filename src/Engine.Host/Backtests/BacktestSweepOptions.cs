namespace Engine.Host.Backtests;

/// <summary>What <c>engine backtest --sweep</c> runs.</summary>
public sealed record BacktestSweepOptions
{
    /// <summary>The grid.</summary>
    public required SweepGrid Grid { get; init; }

    /// <summary>The ranking.</summary>
    public required SweepMetric Rank { get; init; }

    /// <summary>Points run at once.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    /// <summary>The sweep's folder: one journal per point beneath it, and the results table.</summary>
    public required string Folder { get; init; }

    /// <summary>Parameters every point shares (<c>--set</c>).</summary>
    public IReadOnlyList<ParameterOverride> Fixed { get; init; } = [];

    /// <summary>The backtest's options every point repeats (data, config, range, fill model).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Print the results as JSON.</summary>
    public bool Json { get; init; }

    /// <summary>The program and the arguments before <c>backtest</c> that start the engine (default: this process's own).</summary>
    public (string File, IReadOnlyList<string> Prefix)? Engine { get; init; }
}
