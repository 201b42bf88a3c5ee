using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>One segment's funds (equity or commodity) as Kite's <c>/user/margins</c> gives them. Rupees.</summary>
public sealed record KiteSegmentMargins
{
    /// <summary>Whether the segment is enabled for the account.</summary>
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }

    /// <summary>Net cash balance available for trading.</summary>
    [JsonPropertyName("net")] public decimal Net { get; init; }

    /// <summary>What is available, by source (<c>cash</c>, <c>collateral</c>, <c>intraday_payin</c>, ...).</summary>
    [JsonPropertyName("available")] public IReadOnlyDictionary<string, decimal> Available { get; init; } = new Dictionary<string, decimal>();

    /// <summary>What is used, by kind (<c>debits</c>, <c>exposure</c>, <c>span</c>, ...).</summary>
    [JsonPropertyName("utilised")] public IReadOnlyDictionary<string, decimal> Utilised { get; init; } = new Dictionary<string, decimal>();
}
