using System.Globalization;
using System.Text.Json;
using Engine.Core.Market;

namespace Engine.Kite.Ticks;

/// <summary>
/// Writes a tick as JSON with Kite's field names and prices in rupees, as the official clients
/// present it. <c>change</c> is ambiguous between clients, so both meanings are written under
/// explicit names: <c>net_change</c> (absolute) and <c>change_percent</c>.
/// </summary>
public static class TickJson
{
    private static readonly TimeSpan Ist = TimeSpan.FromMinutes(330);

    /// <summary>Writes <paramref name="tick"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter json, in Tick tick)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("mode", tick.Mode switch { TickMode.Ltp => "ltp", TickMode.Quote => "quote", _ => "full" });
        json.WriteBoolean("tradable", tick.Tradable);
        json.WriteNumber("instrument_token", tick.InstrumentToken);
        json.WriteNumber("last_price", Price(tick.LastPrice, tick.PriceDivisor));
        if (tick.Mode == TickMode.Ltp)
        {
            json.WriteEndObject();
            return;
        }

        if (!tick.IsIndex)
        {
            json.WriteNumber("last_quantity", tick.LastTradedQuantity);
            json.WriteNumber("average_price", Price(tick.AverageTradedPrice, tick.PriceDivisor));
            json.WriteNumber("volume", tick.VolumeTraded);
            json.WriteNumber("buy_quantity", tick.TotalBuyQuantity);
            json.WriteNumber("sell_quantity", tick.TotalSellQuantity);
        }

        json.WriteStartObject("ohlc");
        json.WriteNumber("open", Price(tick.Open, tick.PriceDivisor));
        json.WriteNumber("high", Price(tick.High, tick.PriceDivisor));
        json.WriteNumber("low", Price(tick.Low, tick.PriceDivisor));
        json.WriteNumber("close", Price(tick.Close, tick.PriceDivisor));
        json.WriteEndObject();
        json.WriteNumber("net_change", tick.IsIndex ? Price(tick.IndexChange, tick.PriceDivisor) : Price(tick.NetChange, tick.PriceDivisor));
        json.WriteNumber("change_percent", Math.Round(tick.ChangePercent, 6));
        if (tick.Mode == TickMode.Full)
        {
            if (!tick.IsIndex)
            {
                WriteTime(json, "last_trade_time", tick.LastTradeTime);
                json.WriteNumber("oi", tick.Oi);
                json.WriteNumber("oi_day_high", tick.OiDayHigh);
                json.WriteNumber("oi_day_low", tick.OiDayLow);
            }

            WriteTime(json, "timestamp", tick.ExchangeTimestamp);
            if (!tick.IsIndex)
            {
                json.WriteStartObject("depth");
                WriteSide(json, "buy", tick.Bids, tick.PriceDivisor);
                WriteSide(json, "sell", tick.Asks, tick.PriceDivisor);
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
    }

    /// <summary>A wire price in rupees: exact decimal division, never a binary fraction.</summary>
    public static decimal Price(long units, int divisor) => divisor == 0 ? units : (decimal)units / divisor;

    /// <summary>Unix seconds as an IST timestamp (<c>2021-07-05T10:41:27+05:30</c>), or null for 0.</summary>
    public static string? IstTime(long unixSeconds) => unixSeconds == 0
        ? null
        : DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(Ist).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void WriteTime(Utf8JsonWriter json, string name, long unixSeconds)
    {
        if (IstTime(unixSeconds) is { } text)
        {
            json.WriteString(name, text);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteSide(Utf8JsonWriter json, string name, DepthSide side, int divisor)
    {
        json.WriteStartArray(name);
        for (int i = 0; i < DepthSide.Levels; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("price", Price(side[i].Price, divisor));
            json.WriteNumber("quantity", side[i].Quantity);
            json.WriteNumber("orders", side[i].Orders);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
