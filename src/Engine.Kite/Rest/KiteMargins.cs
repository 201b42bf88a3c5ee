using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>The account's funds by segment.</summary>
public sealed record KiteMargins
{
    /// <summary>The equity segment.</summary>
    [JsonPropertyName("equity")] public KiteSegmentMargins? Equity { get; init; }

    /// <summary>The commodity segment.</summary>
    [JsonPropertyName("commodity")] public KiteSegmentMargins? Commodity { get; init; }
}
