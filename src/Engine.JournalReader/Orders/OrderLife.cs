using System.Text.Json.Serialization;

namespace Engine.JournalTool.Orders;

/// <summary>One order from the input that caused it to the exchange's last word on it.</summary>
public sealed class OrderLife
{
    /// <summary>The engine's order id (the Kite tag).</summary>
    [JsonPropertyName("client_order_id")] public ulong ClientOrderId { get; init; }

    /// <summary>The instrument.</summary>
    [JsonPropertyName("instrument_token")] public uint InstrumentToken { get; set; }

    /// <summary>The trading symbol, from the run's instrument records.</summary>
    [JsonPropertyName("symbol")] public string? Symbol { get; set; }

    /// <summary>BUY or SELL.</summary>
    [JsonPropertyName("side")] public string? Side { get; set; }

    /// <summary>Units ordered.</summary>
    [JsonPropertyName("quantity")] public long Quantity { get; set; }

    /// <summary>The order type and product, e.g. "Market Mis".</summary>
    [JsonPropertyName("order")] public string? Order { get; set; }

    /// <summary>True for the engine's own orders (square-off, flatten).</summary>
    [JsonPropertyName("engine_order")] public bool EngineOrder { get; set; }

    /// <summary>The broker's order id.</summary>
    [JsonPropertyName("broker_order_id")] public string? BrokerOrderId { get; set; }

    /// <summary>The exchange's order id.</summary>
    [JsonPropertyName("exchange_order_id")] public string? ExchangeOrderId { get; set; }

    /// <summary>The last state the engine decided.</summary>
    [JsonPropertyName("state")] public string State { get; set; } = "PendingNew";

    /// <summary>Units filled.</summary>
    [JsonPropertyName("filled_quantity")] public long FilledQuantity { get; set; }

    /// <summary>The average fill price, rupees (from the last update).</summary>
    [JsonPropertyName("average_price")] public decimal AveragePrice { get; set; }

    /// <summary>Every step, in journal order.</summary>
    [JsonPropertyName("events")] public List<OrderEvent> Events { get; } = [];
}
