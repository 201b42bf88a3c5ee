using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Market;
using Engine.Core.Risk;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Kite.Ticks;

namespace Engine.JournalTool.Rendering;

/// <summary>
/// Renders any record from the schema's field layout: numbers as numbers, text as text, JSON as
/// JSON, and Kite tick packets decoded into Kite's fields. Nothing here needs the engine.
/// </summary>
public static class RecordRenderer
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The instrument token a record is about, if its layout has one (tick packets included).</summary>
    public static uint? InstrumentToken(in JournalRecord record)
    {
        var payload = record.Payload.Span;
        if (record.Type == RecordType.Tick && payload.Length >= InputRecordCodec.PrefixSize + 4)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(payload[InputRecordCodec.PrefixSize..]);
        }

        if (record.Type == RecordType.OrderUpdate && payload.Length > InputRecordCodec.PrefixSize
            && Engine.Kite.Ticker.OrderUpdateParser.TryParse(payload[InputRecordCodec.PrefixSize..], out var order))
        {
            return order.InstrumentToken;
        }

        if (RecordSchema.Types.TryGetValue(record.Type, out var info) && info.Fields.FirstOrDefault(f => f.Name == "instrument_token") is { } field && payload.Length >= field.Offset + 4)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(payload[field.Offset..]);
        }

        return null;
    }

    /// <summary>One JSON object: record number, sequence, type, times in IST and UTC, segment and offset, and the decoded fields.</summary>
    public static string ToJson(in JournalRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteNumber("record", record.RecordNumber);
            json.WriteNumber("sequence", record.Sequence);
            json.WriteString("type", RecordSchema.NameOf(record.Type));
            json.WriteString("time_ist", RecordTime.Ist8601(record.TimestampNs));
            json.WriteString("time_utc", RecordTime.Utc8601(record.TimestampNs));
            json.WriteNumber("segment", record.Segment);
            json.WriteNumber("offset", record.Offset);
            json.WritePropertyName("fields");
            WriteFields(json, record);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The decoded fields alone, as a JSON object.</summary>
    public static string FieldsJson(in JournalRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            WriteFields(json, record);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One line for people.</summary>
    public static string ToText(in JournalRecord record)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{record.RecordNumber} seq={record.Sequence} {RecordTime.Ist8601(record.TimestampNs)} ({RecordTime.Utc8601(record.TimestampNs)}) {RecordSchema.NameOf(record.Type)}");
        var payload = record.Payload.Span;
        if (record.Type == RecordType.Tick && TryDecodeTick(payload, out var tick))
        {
            var inv = CultureInfo.InvariantCulture;
            text.Append(inv, $" frame={BinaryPrimitives.ReadInt64LittleEndian(payload)} conn={payload[8]} pkt={BinaryPrimitives.ReadUInt16LittleEndian(payload[10..])}");
            text.Append(inv, $" token={tick.InstrumentToken} {tick.Mode.ToString().ToLowerInvariant()} ltp={TickJson.Price(tick.LastPrice, tick.PriceDivisor)}");
            if (tick.Mode != TickMode.Ltp)
            {
                text.Append(inv, $" o={TickJson.Price(tick.Open, tick.PriceDivisor)} h={TickJson.Price(tick.High, tick.PriceDivisor)} l={TickJson.Price(tick.Low, tick.PriceDivisor)} c={TickJson.Price(tick.Close, tick.PriceDivisor)}");
            }

            if (tick.Mode != TickMode.Ltp && !tick.IsIndex)
            {
                text.Append(inv, $" vol={tick.VolumeTraded} ltq={tick.LastTradedQuantity}");
            }

            if (tick.Mode == TickMode.Full && !tick.IsIndex)
            {
                text.Append(inv, $" bid={TickJson.Price(tick.Bids[0].Price, tick.PriceDivisor)}x{tick.Bids[0].Quantity} ask={TickJson.Price(tick.Asks[0].Price, tick.PriceDivisor)}x{tick.Asks[0].Quantity}");
            }

            if (tick.ExchangeTimestamp != 0)
            {
                text.Append(" exch=").Append(TickJson.IstTime(tick.ExchangeTimestamp));
            }

            return text.ToString();
        }

        text.Append(' ').Append(FieldsJson(record));
        return text.ToString();
    }

    private static bool TryDecodeTick(ReadOnlySpan<byte> payload, out Tick tick)
    {
        tick = default;
        return payload.Length > InputRecordCodec.PrefixSize && TickDecoder.TryDecode(payload[InputRecordCodec.PrefixSize..], ref tick);
    }

    private static void WriteFields(Utf8JsonWriter json, in JournalRecord record)
    {
        var payload = record.Payload.Span;
        json.WriteStartObject();
        if (!RecordSchema.Types.TryGetValue(record.Type, out var info))
        {
            json.WriteString("payload_hex", Convert.ToHexString(payload));
            json.WriteEndObject();
            return;
        }

        foreach (var field in info.Fields)
        {
            if (field.Name == "reserved" || payload.Length < field.Offset + Math.Max(0, field.Size))
            {
                continue;
            }

            var bytes = field.Size < 0 ? payload[field.Offset..] : payload.Slice(field.Offset, field.Size);
            json.WritePropertyName(field.Name);
            switch (field.Type)
            {
                case "u8": json.WriteNumberValue(bytes[0]); break;
                case "u16": json.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(bytes)); break;
                case "i16": json.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(bytes)); break;
                case "u32": json.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(bytes)); break;
                case "u64": json.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(bytes)); break;
                case "i64": json.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(bytes)); break;
                case "f64": WriteDouble(json, BinaryPrimitives.ReadDoubleLittleEndian(bytes)); break;
                case "utf8" when LooksLikeJson(bytes): WriteCompactJson(json, bytes); break;
                case "utf8": json.WriteStringValue(Encoding.UTF8.GetString(bytes)); break;
                case "json": WriteJsonOrText(json, bytes); break;
                case "bytes" when record.Type == RecordType.Tick && TryDecodeTick(payload, out var tick):
                    TickJson.Write(json, tick);
                    json.WriteString("packet_hex", Convert.ToHexString(bytes));
                    break;
                case "bytes" when record.Type == RecordType.RiskSnapshot:
                    WriteLimits(json, payload);
                    break;
                default: json.WriteStringValue(Convert.ToHexString(bytes)); break;
            }
        }

        json.WriteEndObject();
    }

    // A snapshot's limits by name, with what is used, the limit and the status.
    private static void WriteLimits(Utf8JsonWriter json, ReadOnlySpan<byte> payload)
    {
        var snapshot = OutputRecordCodec.ReadRiskSnapshot(payload);
        json.WriteStartArray();
        for (int i = 0; i < snapshot.Count; i++)
        {
            var d = snapshot.Distances[i];
            json.WriteStartObject();
            json.WriteString("limit", RiskLimitText.Name(d.Limit));
            json.WriteString("status", RiskLimitText.Name(d.Status));
            json.WriteNumber("used", d.Used);
            json.WriteNumber("max", d.Max);
            json.WriteNumber("remaining", d.Remaining);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    // Re-written rather than copied, so a pretty-printed broker message still makes one line.
    private static void WriteCompactJson(Utf8JsonWriter json, ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        using var document = JsonDocument.ParseValue(ref reader);
        document.WriteTo(json);
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        var trimmed = bytes.TrimStart(" \t\r\n"u8);
        if (trimmed.Length == 0 || trimmed[0] != (byte)'{')
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            reader.Skip();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteJsonOrText(Utf8JsonWriter json, ReadOnlySpan<byte> bytes)
    {
        if (LooksLikeJson(bytes))
        {
            WriteCompactJson(json, bytes);
        }
        else
        {
            json.WriteStringValue(Encoding.UTF8.GetString(bytes));
        }
    }
}
