using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>One position as Kite's <c>/portfolio/positions</c> gives it. Prices and values in rupees.</summary>
public sealed record KitePosition
{
    /// <summary>The exchange symbol.</summary>
    [JsonPropertyName("tradingsymbol")] public string TradingSymbol { get; init; } = "";

    /// <summary>NSE, BSE, ...</summary>
    [JsonPropertyName("exchange")] public string Exchange { get; init; } = "";

    /// <summary>The instrument.</summary>
    [JsonPropertyName("instrument_token")] public uint InstrumentToken { get; init; }

    /// <summary>The product.</summary>
    [JsonPropertyName("product")] public string Product { get; init; } = "";

    /// <summary>Net units (negative when short).</summary>
    [JsonPropertyName("quantity")] public long Quantity { get; init; }

    /// <summary>Units carried from earlier days.</summary>
    [JsonPropertyName("overnight_quantity")] public long OvernightQuantity { get; init; }

    /// <summary>Contract multiplier.</summary>
    [JsonPropertyName("multiplier")] public decimal Multiplier { get; init; }

    /// <summary>Average price of the net quantity.</summary>
    [JsonPropertyName("average_price")] public decimal AveragePrice { get; init; }

    /// <summary>Last traded price.</summary>
    [JsonPropertyName("last_price")] public decimal LastPrice { get; init; }

    /// <summary>Profit and loss.</summary>
    [JsonPropertyName("pnl")] public decimal Pnl { get; init; }

    /// <summary>Realised profit and loss.</summary>
    [JsonPropertyName("realised")] public decimal Realised { get; init; }

    /// <summary>Unrealised profit and loss.</summary>
    [JsonPropertyName("unrealised")] public decimal Unrealised { get; init; }

    /// <summary>Mark-to-market.</summary>
    [JsonPropertyName("m2m")] public decimal M2m { get; init; }

    /// <summary>Units bought.</summary>
    [JsonPropertyName("buy_quantity")] public long BuyQuantity { get; init; }

    /// <summary>Units sold.</summary>
    [JsonPropertyName("sell_quantity")] public long SellQuantity { get; init; }

    /// <summary>Average buy price.</summary>
    [JsonPropertyName("buy_price")] public decimal BuyPrice { get; init; }

    /// <summary>Average sell price.</summary>
    [JsonPropertyName("sell_price")] public decimal SellPrice { get; init; }
}
