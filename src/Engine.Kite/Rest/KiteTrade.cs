using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>One fill as Kite's trade book gives it (the wire field for the quantity is <c>quantity</c>).</summary>
public sealed record KiteTrade
{
    /// <summary>The exchange's trade id.</summary>
    [JsonPropertyName("trade_id")] public string TradeId { get; init; } = "";

    /// <summary>Kite's order id.</summary>
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";

    /// <summary>The exchange's order id.</summary>
    [JsonPropertyName("exchange_order_id")] public string? ExchangeOrderId { get; init; }

    /// <summary>The exchange symbol.</summary>
    [JsonPropertyName("tradingsymbol")] public string TradingSymbol { get; init; } = "";

    /// <summary>NSE, BSE, ...</summary>
    [JsonPropertyName("exchange")] public string Exchange { get; init; } = "";

    /// <summary>The instrument.</summary>
    [JsonPropertyName("instrument_token")] public uint InstrumentToken { get; init; }

    /// <summary>BUY or SELL.</summary>
    [JsonPropertyName("transaction_type")] public string TransactionType { get; init; } = "";

    /// <summary>The product.</summary>
    [JsonPropertyName("product")] public string Product { get; init; } = "";

    /// <summary>The fill's price.</summary>
    [JsonPropertyName("average_price")] public decimal AveragePrice { get; init; }

    /// <summary>Units filled.</summary>
    [JsonPropertyName("quantity")] public long Quantity { get; init; }

    /// <summary>When it filled (IST).</summary>
    [JsonPropertyName("fill_timestamp")] public string? FillTimestamp { get; init; }

    /// <summary>The exchange's time of the fill.</summary>
    [JsonPropertyName("exchange_timestamp")] public string? ExchangeTimestamp { get; init; }
}
