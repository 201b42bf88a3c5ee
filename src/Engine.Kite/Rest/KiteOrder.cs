using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>An order as Kite's order book and order history give it (PROTOCOL.md §2.5). Prices in rupees.</summary>
public sealed record KiteOrder
{
    /// <summary>Kite's order id.</summary>
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";

    /// <summary>The exchange's order id, once the order reached it.</summary>
    [JsonPropertyName("exchange_order_id")] public string? ExchangeOrderId { get; init; }

    /// <summary>Kite's status.</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = "";

    /// <summary>Why, for a rejection or a cancellation.</summary>
    [JsonPropertyName("status_message")] public string? StatusMessage { get; init; }

    /// <summary>When Kite received the order (IST, <c>yyyy-MM-dd HH:mm:ss</c>).</summary>
    [JsonPropertyName("order_timestamp")] public string? OrderTimestamp { get; init; }

    /// <summary>When the exchange last changed it.</summary>
    [JsonPropertyName("exchange_timestamp")] public string? ExchangeTimestamp { get; init; }

    /// <summary>regular, amo, co, iceberg, auction.</summary>
    [JsonPropertyName("variety")] public string Variety { get; init; } = "";

    /// <summary>NSE, BSE, NFO, ...</summary>
    [JsonPropertyName("exchange")] public string Exchange { get; init; } = "";

    /// <summary>The exchange symbol.</summary>
    [JsonPropertyName("tradingsymbol")] public string TradingSymbol { get; init; } = "";

    /// <summary>The instrument.</summary>
    [JsonPropertyName("instrument_token")] public uint InstrumentToken { get; init; }

    /// <summary>MARKET, LIMIT, SL, SL-M.</summary>
    [JsonPropertyName("order_type")] public string OrderType { get; init; } = "";

    /// <summary>BUY or SELL.</summary>
    [JsonPropertyName("transaction_type")] public string TransactionType { get; init; } = "";

    /// <summary>DAY, IOC, TTL.</summary>
    [JsonPropertyName("validity")] public string Validity { get; init; } = "";

    /// <summary>CNC, NRML, MIS, ...</summary>
    [JsonPropertyName("product")] public string Product { get; init; } = "";

    /// <summary>Units ordered.</summary>
    [JsonPropertyName("quantity")] public long Quantity { get; init; }

    /// <summary>Limit price.</summary>
    [JsonPropertyName("price")] public decimal Price { get; init; }

    /// <summary>Trigger price.</summary>
    [JsonPropertyName("trigger_price")] public decimal TriggerPrice { get; init; }

    /// <summary>Average price of the fills.</summary>
    [JsonPropertyName("average_price")] public decimal AveragePrice { get; init; }

    /// <summary>Units filled.</summary>
    [JsonPropertyName("filled_quantity")] public long FilledQuantity { get; init; }

    /// <summary>Units still open.</summary>
    [JsonPropertyName("pending_quantity")] public long PendingQuantity { get; init; }

    /// <summary>Units cancelled.</summary>
    [JsonPropertyName("cancelled_quantity")] public long CancelledQuantity { get; init; }

    /// <summary>Kite's market protection for MARKET and SL-M.</summary>
    [JsonPropertyName("market_protection")] public decimal MarketProtection { get; init; }

    /// <summary>The tag the order was placed with (the engine's order id for its own orders).</summary>
    [JsonPropertyName("tag")] public string? Tag { get; init; }
}
