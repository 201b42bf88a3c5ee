using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>Kite's positions: <c>net</c> (everything held) and <c>day</c> (today's trades).</summary>
public sealed record KitePositions
{
    /// <summary>Net positions.</summary>
    [JsonPropertyName("net")] public IReadOnlyList<KitePosition> Net { get; init; } = [];

    /// <summary>Today's positions.</summary>
    [JsonPropertyName("day")] public IReadOnlyList<KitePosition> Day { get; init; } = [];
}
