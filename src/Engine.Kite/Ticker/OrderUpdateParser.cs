using System.Buffers.Text;
using System.Text.Json;
using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Kite.Ticker;

/// <summary>
/// Reads Kite's ticker text frames (<c>{"type": ..., "data": ...}</c>) and the order update object
/// (the same fields as an HTTP postback) without allocating: ids and numbers are parsed from the
/// UTF-8 bytes, prices converted to the instrument's wire units.
/// </summary>
public static class OrderUpdateParser
{
    /// <summary>The frame's <c>type</c>, or <see cref="TextFrameKind.Other"/> when it is missing or the JSON is malformed.</summary>
    public static TextFrameKind ReadKind(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TextFrameKind.Other;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return TextFrameKind.Other;
                    }

                    return reader.ValueTextEquals("order"u8) ? TextFrameKind.Order
                        : reader.ValueTextEquals("error"u8) ? TextFrameKind.Error
                        : reader.ValueTextEquals("message"u8) ? TextFrameKind.Message
                        : TextFrameKind.Other;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed text from the broker is kept raw and counted, never fatal.
        }

        return TextFrameKind.Other;
    }

    /// <summary>
    /// Parses the order object: the <c>data</c> of a ticker frame, or a bare postback object.
    /// Returns false when the JSON is malformed or has no order_id.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out OrderUpdate update)
    {
        update = default;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            // Either {"type":"order","data":{...}} or the order object itself.
            int depth = reader.CurrentDepth;
            var copy = reader;
            while (copy.Read() && copy.CurrentDepth > depth)
            {
                if (copy.TokenType == JsonTokenType.PropertyName && copy.CurrentDepth == depth + 1 && copy.ValueTextEquals("data"u8))
                {
                    copy.Read();
                    if (copy.TokenType == JsonTokenType.StartObject)
                    {
                        reader = copy;
                    }

                    break;
                }

                if (copy.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    copy.Skip();
                }
            }

            decimal price = 0, trigger = 0, average = 0;
            bool fits = true;
            int objectDepth = reader.CurrentDepth;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == objectDepth))
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("order_id"u8)) { reader.Read(); update.OrderId = ReadId(ref reader); }
                else if (reader.ValueTextEquals("exchange_order_id"u8)) { reader.Read(); update.ExchangeOrderId = ReadId(ref reader); }
                else if (reader.ValueTextEquals("status"u8)) { reader.Read(); update.Status = reader.TokenType == JsonTokenType.String ? OrderStatuses.Parse(reader.ValueSpan) : OrderStatus.Unknown; }
                else if (reader.ValueTextEquals("transaction_type"u8)) { reader.Read(); update.Side = reader.ValueTextEquals("BUY"u8) ? Side.Buy : reader.ValueTextEquals("SELL"u8) ? Side.Sell : Side.None; }
                else if (reader.ValueTextEquals("instrument_token"u8)) { reader.Read(); fits &= TryReadLong(ref reader, out long token); update.InstrumentToken = (uint)token; }
                else if (reader.ValueTextEquals("quantity"u8)) { reader.Read(); fits &= TryReadLong(ref reader, out update.Quantity); }
                else if (reader.ValueTextEquals("filled_quantity"u8)) { reader.Read(); fits &= TryReadLong(ref reader, out update.FilledQuantity); }
                else if (reader.ValueTextEquals("pending_quantity"u8)) { reader.Read(); fits &= TryReadLong(ref reader, out update.PendingQuantity); }
                else if (reader.ValueTextEquals("cancelled_quantity"u8)) { reader.Read(); fits &= TryReadLong(ref reader, out update.CancelledQuantity); }
                else if (reader.ValueTextEquals("price"u8)) { reader.Read(); fits &= TryReadDecimal(ref reader, out price); }
                else if (reader.ValueTextEquals("trigger_price"u8)) { reader.Read(); fits &= TryReadDecimal(ref reader, out trigger); }
                else if (reader.ValueTextEquals("average_price"u8)) { reader.Read(); fits &= TryReadDecimal(ref reader, out average); }
                else if (reader.ValueTextEquals("tag"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped)
                    {
                        var tag = reader.ValueSpan;
                        int length = Math.Min(tag.Length, OrderTag.Capacity);
                        tag[..length].CopyTo(update.Tag);
                        update.TagLength = (byte)length;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            int divisor = Segments.PriceDivisor(Segments.Of(update.InstrumentToken));
            fits &= TryScale(price, divisor, out update.Price);
            fits &= TryScale(trigger, divisor, out update.TriggerPrice);
            fits &= TryScale(average, divisor, out update.AveragePrice);

            // A number too large for its field makes the update malformed: refused, never thrown,
            // since the caller parses into a claimed ring slot that must still be published.
            if (!fits)
            {
                update = default;
                return false;
            }

            return update.OrderId != 0;
        }
        catch (JsonException)
        {
            update = default;
            return false;
        }
    }

    private static ulong ReadId(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String when Utf8Parser.TryParse(reader.ValueSpan, out ulong id, out int used) && used == reader.ValueSpan.Length => id,
        JsonTokenType.Number when reader.TryGetUInt64(out ulong id) => id,
        _ => 0,
    };

    // A count that is not a number reads as 0, as Kite leaves some out; a number outside a long does not fit.
    private static bool TryReadLong(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number || reader.TryGetInt64(out value))
        {
            return true;
        }

        if (reader.TryGetDecimal(out decimal d) && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    private static bool TryScale(decimal price, int divisor, out long scaled)
    {
        decimal limit = long.MaxValue / (decimal)divisor;
        if (price < -limit || price > limit)
        {
            scaled = 0;
            return false;
        }

        scaled = (long)decimal.Round(price * divisor);
        return true;
    }

    // As a count: a price that is not a number reads as 0; a number outside a decimal does not fit.
    private static bool TryReadDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        return reader.TokenType != JsonTokenType.Number || reader.TryGetDecimal(out value);
    }
}
