using System.Globalization;
using System.Text.Json;

namespace Engine.Sim.Exchange;

/// <summary>One fill at the simulator's exchange, as Kite's trade book has it. Price in rupees.</summary>
public sealed record SimTrade(ulong TradeId, ulong OrderId, ulong ExchangeOrderId, uint InstrumentToken, string TradingSymbol, string Exchange, string TransactionType, string Product, decimal Price, long Quantity, DateTimeOffset FillTimestamp)
{
    /// <summary>Writes the trade object.</summary>
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var inv = CultureInfo.InvariantCulture;
        json.WriteStartObject();
        json.WriteString("trade_id", TradeId.ToString(inv));
        json.WriteString("order_id", OrderId.ToString(inv));
        json.WriteString("exchange_order_id", ExchangeOrderId.ToString(inv));
        json.WriteString("tradingsymbol", TradingSymbol);
        json.WriteString("exchange", Exchange);
        json.WriteNumber("instrument_token", InstrumentToken);
        json.WriteString("transaction_type", TransactionType);
        json.WriteString("product", Product);
        json.WriteNumber("average_price", Price);
        json.WriteNumber("quantity", Quantity);
        json.WriteString("fill_timestamp", FillTimestamp.ToString("yyyy-MM-dd HH:mm:ss", inv));
        json.WriteString("order_timestamp", FillTimestamp.ToString("HH:mm:ss", inv));
        json.WriteString("exchange_timestamp", FillTimestamp.ToString("yyyy-MM-dd HH:mm:ss", inv));
        json.WriteEndObject();
    }
}
