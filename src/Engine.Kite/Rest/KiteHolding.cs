using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>One holding (delivery) as Kite's <c>/portfolio/holdings</c> gives it.</summary>
public sealed record KiteHolding
{
    /// <summary>The exchange symbol.</summary>
    [JsonPropertyName("tradingsymbol")] public string TradingSymbol { get; init; } = "";

    /// <summary>NSE or BSE.</summary>
    [JsonPropertyName("exchange")] public string Exchange { get; init; } = "";

    /// <summary>The instrument.</summary>
    [JsonPropertyName("instrument_token")] public uint InstrumentToken { get; init; }

    /// <summary>ISIN.</summary>
    [JsonPropertyName("isin")] public string? Isin { get; init; }

    /// <summary>CNC or MTF.</summary>
    [JsonPropertyName("product")] public string Product { get; init; } = "";

    /// <summary>Units held.</summary>
    [JsonPropertyName("quantity")] public long Quantity { get; init; }

    /// <summary>Units bought today, not yet settled.</summary>
    [JsonPropertyName("t1_quantity")] public long T1Quantity { get; init; }

    /// <summary>Average buy price.</summary>
    [JsonPropertyName("average_price")] public decimal AveragePrice { get; init; }

    /// <summary>Last traded price.</summary>
    [JsonPropertyName("last_price")] public decimal LastPrice { get; init; }

    /// <summary>Previous close.</summary>
    [JsonPropertyName("close_price")] public decimal ClosePrice { get; init; }

    /// <summary>Profit and loss.</summary>
    [JsonPropertyName("pnl")] public decimal Pnl { get; init; }
}
