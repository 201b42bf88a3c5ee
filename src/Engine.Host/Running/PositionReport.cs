using System.Text.Json.Serialization;

namespace Engine.Host.Running;

/// <summary>One position as status and the summary show it; money in rupees.</summary>
public sealed record PositionReport
{
    /// <summary>EXCHANGE:SYMBOL.</summary>
    [JsonPropertyName("instrument")]
    public required string Instrument { get; init; }

    /// <summary>mis, cnc or nrml.</summary>
    [JsonPropertyName("product")]
    public required string Product { get; init; }

    /// <summary>Net units (short is negative).</summary>
    [JsonPropertyName("quantity")]
    public long Quantity { get; init; }

    /// <summary>The open quantity's average price.</summary>
    [JsonPropertyName("average_price")]
    public decimal AveragePrice { get; init; }

    /// <summary>The last traded price it is marked at.</summary>
    [JsonPropertyName("last_price")]
    public decimal LastPrice { get; init; }

    /// <summary>Realised P&amp;L.</summary>
    [JsonPropertyName("realized_pnl")]
    public decimal RealizedPnl { get; init; }

    /// <summary>Mark-to-market.</summary>
    [JsonPropertyName("unrealized_pnl")]
    public decimal UnrealizedPnl { get; init; }

    /// <summary>Charges on its executed orders.</summary>
    [JsonPropertyName("charges")]
    public decimal Charges { get; init; }
}
