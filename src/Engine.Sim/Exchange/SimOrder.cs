using System.Globalization;
using System.Text.Json;

namespace Engine.Sim.Exchange;

/// <summary>
/// One order at the simulator's exchange, with the fields Kite's order book and order updates
/// carry (PROTOCOL.md §2.5) and its history (one snapshot per status, oldest first). Prices in rupees.
/// </summary>
public sealed class SimOrder
{
    private readonly List<byte[]> _history = [];

    /// <summary>Kite-style order id (15 digits).</summary>
    public required ulong OrderId { get; init; }

    /// <summary>The exchange's id, once the order reached it.</summary>
    public ulong ExchangeOrderId { get; set; }

    /// <summary>Kite's status.</summary>
    public string Status { get; set; } = "PUT ORDER REQ RECEIVED";

    /// <summary>Why, for a rejection.</summary>
    public string? StatusMessage { get; set; }

    /// <summary>NSE, BSE, ...</summary>
    public required string Exchange { get; init; }

    /// <summary>The exchange symbol.</summary>
    public required string TradingSymbol { get; init; }

    /// <summary>The instrument.</summary>
    public required uint InstrumentToken { get; init; }

    /// <summary>MARKET, LIMIT, SL, SL-M.</summary>
    public required string OrderType { get; set; }

    /// <summary>BUY or SELL.</summary>
    public required string TransactionType { get; init; }

    /// <summary>DAY, IOC, TTL.</summary>
    public required string Validity { get; set; }

    /// <summary>Minutes, with TTL.</summary>
    public int ValidityTtl { get; set; }

    /// <summary>CNC, NRML, MIS.</summary>
    public required string Product { get; init; }

    /// <summary>Units.</summary>
    public required long Quantity { get; set; }

    /// <summary>Shown quantity.</summary>
    public long DisclosedQuantity { get; set; }

    /// <summary>Limit price.</summary>
    public decimal Price { get; set; }

    /// <summary>Trigger price.</summary>
    public decimal TriggerPrice { get; set; }

    /// <summary>Average price of the fills.</summary>
    public decimal AveragePrice { get; set; }

    /// <summary>Units filled.</summary>
    public long FilledQuantity { get; set; }

    /// <summary>Units cancelled.</summary>
    public long CancelledQuantity { get; set; }

    /// <summary>Market protection.</summary>
    public int MarketProtection { get; set; }

    /// <summary>The client's tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Modifications so far.</summary>
    public int Modifications { get; set; }

    /// <summary>When it was received (IST).</summary>
    public required DateTimeOffset OrderTimestamp { get; init; }

    /// <summary>When the exchange last changed it (IST).</summary>
    public DateTimeOffset? ExchangeTimestamp { get; set; }

    /// <summary>Units still open.</summary>
    public long PendingQuantity => IsTerminal ? 0 : Quantity - FilledQuantity;

    /// <summary>True once complete, cancelled or rejected.</summary>
    public bool IsTerminal => Status is "COMPLETE" or "CANCELLED" or "REJECTED";

    /// <summary>Every snapshot so far, oldest first.</summary>
    public IReadOnlyList<byte[]> History => _history;

    /// <summary>Records the current state as a history entry and returns it.</summary>
    public byte[] Snapshot()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json);
        }

        byte[] snapshot = buffer.WrittenSpan.ToArray();
        _history.Add(snapshot);
        return snapshot;
    }

    /// <summary>Writes the order object as Kite's order book has it.</summary>
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var inv = CultureInfo.InvariantCulture;
        json.WriteStartObject();
        json.WriteString("placed_by", "SIM001");
        json.WriteString("order_id", OrderId.ToString(inv));
        if (ExchangeOrderId != 0)
        {
            json.WriteString("exchange_order_id", ExchangeOrderId.ToString(inv));
        }
        else
        {
            json.WriteNull("exchange_order_id");
        }

        json.WriteNull("parent_order_id");
        json.WriteString("status", Status);
        if (StatusMessage is null)
        {
            json.WriteNull("status_message");
            json.WriteNull("status_message_raw");
        }
        else
        {
            json.WriteString("status_message", StatusMessage);
            json.WriteString("status_message_raw", StatusMessage);
        }

        json.WriteString("order_timestamp", OrderTimestamp.ToString("yyyy-MM-dd HH:mm:ss", inv));
        if (ExchangeTimestamp is { } exchangeTime)
        {
            json.WriteString("exchange_update_timestamp", exchangeTime.ToString("yyyy-MM-dd HH:mm:ss", inv));
            json.WriteString("exchange_timestamp", exchangeTime.ToString("yyyy-MM-dd HH:mm:ss", inv));
        }
        else
        {
            json.WriteNull("exchange_update_timestamp");
            json.WriteNull("exchange_timestamp");
        }

        json.WriteString("variety", "regular");
        json.WriteBoolean("modified", Modifications > 0);
        json.WriteString("exchange", Exchange);
        json.WriteString("tradingsymbol", TradingSymbol);
        json.WriteNumber("instrument_token", InstrumentToken);
        json.WriteString("order_type", OrderType);
        json.WriteString("transaction_type", TransactionType);
        json.WriteString("validity", Validity);
        json.WriteNumber("validity_ttl", ValidityTtl);
        json.WriteString("product", Product);
        json.WriteNumber("quantity", Quantity);
        json.WriteNumber("disclosed_quantity", DisclosedQuantity);
        json.WriteNumber("price", Price);
        json.WriteNumber("trigger_price", TriggerPrice);
        json.WriteNumber("average_price", AveragePrice);
        json.WriteNumber("filled_quantity", FilledQuantity);
        json.WriteNumber("pending_quantity", PendingQuantity);
        json.WriteNumber("cancelled_quantity", CancelledQuantity);
        json.WriteNumber("market_protection", MarketProtection);
        json.WriteStartObject("meta");
        json.WriteEndObject();
        if (Tag is null)
        {
            json.WriteNull("tag");
        }
        else
        {
            json.WriteString("tag", Tag);
            json.WriteStartArray("tags");
            json.WriteStringValue(Tag);
            json.WriteEndArray();
        }

        json.WriteString("guid", $"sim-{OrderId}");
        json.WriteEndObject();
    }
}
