using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Host.Replay;

/// <summary>What a replay did (printed as text, or as JSON with <c>--json</c>).</summary>
public sealed record ReplaySummary(
    [property: JsonPropertyName("journal")] string Journal,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("inputs")] long Inputs,
    [property: JsonPropertyName("last_input_sequence")] long LastInputSequence,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("intents")] long Intents,
    [property: JsonPropertyName("orders")] long Orders,
    [property: JsonPropertyName("recorded_outputs")] long RecordedOutputs,
    [property: JsonPropertyName("damaged")] long Damaged,
    [property: JsonPropertyName("unreplayable")] long Unreplayable,
    [property: JsonPropertyName("verify")] string? Verify,
    [property: JsonPropertyName("inputs_compared")] long Compared,
    [property: JsonPropertyName("outputs_matched")] long Matched,
    [property: JsonPropertyName("mismatch")] ReplayMismatch? Mismatch)
{
    /// <summary>
    /// Of <see cref="Seconds"/>, the time spent building and starting each run's pipeline (its
    /// ring's pages, the strategies' windows) before its first input: fixed, whatever the
    /// journal's length, so it is kept out of <see cref="InputsPerSecond"/>.
    /// </summary>
    [JsonPropertyName("setup_seconds")]
    public double SetupSeconds { get; init; }

    /// <summary>Inputs per second of replaying, the pipeline's set-up left out.</summary>
    [JsonPropertyName("inputs_per_second")]
    public double InputsPerSecond => Inputs / Math.Max(1e-9, Seconds - SetupSeconds);

    /// <summary>snake_case, compact.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
