using System.Text.Json.Serialization;

namespace Engine.Host.Backtests;

/// <summary>What a backtest did and how fast.</summary>
public sealed record BacktestSummary
{
    /// <summary>The journal written.</summary>
    [JsonPropertyName("journal")]
    public required string Journal { get; init; }

    /// <summary>The journal's id (derived from the run and its data).</summary>
    [JsonPropertyName("journal_id")]
    public required string JournalId { get; init; }

    /// <summary>The data's first day (IST).</summary>
    [JsonPropertyName("from")]
    public required string From { get; init; }

    /// <summary>The data's last day (IST).</summary>
    [JsonPropertyName("until")]
    public required string Until { get; init; }

    /// <summary>Days with bars.</summary>
    [JsonPropertyName("days")]
    public required int Days { get; init; }

    /// <summary>Instruments with bars.</summary>
    [JsonPropertyName("instruments")]
    public required IReadOnlyList<string> Instruments { get; init; }

    /// <summary>Bars read.</summary>
    [JsonPropertyName("bars")]
    public required long Bars { get; init; }

    /// <summary>Ticks made from them.</summary>
    [JsonPropertyName("ticks")]
    public required long Ticks { get; init; }

    /// <summary>Every input journaled (ticks, timers, the paper broker's answers).</summary>
    [JsonPropertyName("inputs")]
    public required long Inputs { get; init; }

    /// <summary>Strategy intents.</summary>
    [JsonPropertyName("intents")]
    public required long Intents { get; init; }

    /// <summary>Order requests routed to the paper broker.</summary>
    [JsonPropertyName("orders")]
    public required long Orders { get; init; }

    /// <summary>The fill model, in words.</summary>
    [JsonPropertyName("fills")]
    public required string Fills { get; init; }

    /// <summary>The strategy parameters set on the command line.</summary>
    [JsonPropertyName("parameters")]
    public required IReadOnlyList<string> Parameters { get; init; }

    /// <summary>Wall seconds from the first input to the sealed journal.</summary>
    [JsonPropertyName("seconds")]
    public required double Seconds { get; init; }

    /// <summary>Bars per wall second.</summary>
    [JsonPropertyName("bars_per_second")]
    public double BarsPerSecond => Bars / Math.Max(1e-9, Seconds);

    /// <summary>Ticks per wall second.</summary>
    [JsonPropertyName("ticks_per_second")]
    public double TicksPerSecond => Ticks / Math.Max(1e-9, Seconds);
}
