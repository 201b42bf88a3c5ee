using System.Text.Json.Serialization;

namespace Engine.Host.Reports;

/// <summary>
/// One round trip: from flat to flat in one instrument and product (a fill through zero closes one
/// and opens the next). The entry and exit inputs are journal sequences, so <c>engine replay --from
/// SEQ --decisions</c> shows what the engine decided there. Money in rupees.
/// </summary>
public sealed record ReportTrade
{
    /// <summary>EXCHANGE:SYMBOL.</summary>
    [JsonPropertyName("instrument")] public required string Instrument { get; init; }

    /// <summary>mis, cnc or nrml.</summary>
    [JsonPropertyName("product")] public required string Product { get; init; }

    /// <summary>The strategy whose order opened it.</summary>
    [JsonPropertyName("strategy")] public required string Strategy { get; init; }

    /// <summary>long or short.</summary>
    [JsonPropertyName("direction")] public required string Direction { get; init; }

    /// <summary>Units at the largest.</summary>
    [JsonPropertyName("quantity")] public long Quantity { get; init; }

    /// <summary>Market time of the first fill (ISO 8601, IST).</summary>
    [JsonPropertyName("entry_time")] public required string EntryTime { get; init; }

    /// <summary>Market time of the fill that made it flat.</summary>
    [JsonPropertyName("exit_time")] public required string ExitTime { get; init; }

    /// <summary>The average entry price.</summary>
    [JsonPropertyName("entry_price")] public decimal EntryPrice { get; init; }

    /// <summary>The average exit price.</summary>
    [JsonPropertyName("exit_price")] public decimal ExitPrice { get; init; }

    /// <summary>Sold less bought.</summary>
    [JsonPropertyName("gross_pnl")] public decimal GrossPnl { get; init; }

    /// <summary>The schedule's charges on its own buys and sells (brokerage per fill).</summary>
    [JsonPropertyName("charges")] public decimal Charges { get; init; }

    /// <summary>Gross less charges.</summary>
    [JsonPropertyName("net_pnl")] public decimal NetPnl { get; init; }

    /// <summary>How long it was open, in market seconds.</summary>
    [JsonPropertyName("held_seconds")] public double HeldSeconds { get; init; }

    /// <summary>The input that caused the entry order.</summary>
    [JsonPropertyName("entry_input")] public long EntryInput { get; init; }

    /// <summary>The input that caused the exit order.</summary>
    [JsonPropertyName("exit_input")] public long ExitInput { get; init; }

    /// <summary>Market time of entry and exit, Unix ns (for charts and exposure).</summary>
    [JsonIgnore] public long EntryNs { get; init; }

    /// <summary>Market time of the exit, Unix ns.</summary>
    [JsonIgnore] public long ExitNs { get; init; }

    /// <summary>Value traded both ways, rupees (for turnover).</summary>
    [JsonIgnore] public decimal Turnover { get; init; }
}
