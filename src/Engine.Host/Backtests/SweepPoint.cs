using System.Text.Json.Serialization;

namespace Engine.Host.Backtests;

/// <summary>One point of a sweep: its parameters, the command that reproduces it, and its figures (or why it failed).</summary>
public sealed record SweepPoint
{
    /// <summary>1-based, in grid order.</summary>
    [JsonPropertyName("point")]
    public required int Number { get; init; }

    /// <summary>Its parameter settings.</summary>
    [JsonPropertyName("parameters")]
    public required IReadOnlyList<string> Parameters { get; init; }

    /// <summary>The command line that runs this point alone, on any machine with the same data and configuration.</summary>
    [JsonPropertyName("command")]
    public required string Command { get; init; }

    /// <summary>Its journal.</summary>
    [JsonPropertyName("journal")]
    public required string Journal { get; init; }

    /// <summary>The ranking figure.</summary>
    [JsonPropertyName("metric")]
    public double? Metric { get; init; }

    /// <summary>Sharpe ratio.</summary>
    [JsonPropertyName("sharpe")]
    public double? Sharpe { get; init; }

    /// <summary>Total return (a fraction).</summary>
    [JsonPropertyName("total_return")]
    public double? TotalReturn { get; init; }

    /// <summary>Maximum drawdown (a fraction).</summary>
    [JsonPropertyName("max_drawdown")]
    public double? MaxDrawdown { get; init; }

    /// <summary>Round trips.</summary>
    [JsonPropertyName("trades")]
    public double? Trades { get; init; }

    /// <summary>Win rate (a fraction).</summary>
    [JsonPropertyName("win_rate")]
    public double? WinRate { get; init; }

    /// <summary>Wall seconds the point took.</summary>
    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>Why the point failed; null when it ran.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
