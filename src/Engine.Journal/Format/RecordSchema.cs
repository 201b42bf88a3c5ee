using System.Text.Json;

namespace Engine.Journal.Format;

/// <summary>
/// Every record type this build writes, with its payload layout. Written as JSON into every
/// segment header, so a segment explains itself to a reader built years later.
/// </summary>
public static class RecordSchema
{
    private const string Frame = "Frame counter of the receiving connection";

    /// <summary>The types, by id.</summary>
    public static IReadOnlyDictionary<RecordType, RecordTypeInfo> Types { get; } = new Dictionary<RecordType, RecordTypeInfo>
    {
        [RecordType.Tick] = new(RecordType.Tick, "tick", 1, RecordDirection.Input,
        [
            new("frame_id", "i64", 0, 8, Frame),
            new("connection", "u8", 8, 1, "Ticker connection (shard) index"),
            new("reserved", "u8", 9, 1, "Zero"),
            new("packet_index", "u16", 10, 2, "Position of the packet in its frame, from 0"),
            new("packet", "bytes", 12, -1, "The Kite binary packet exactly as received (big-endian; 8, 28, 32, 44 or 184 bytes)"),
        ]),
        [RecordType.OrderUpdate] = new(RecordType.OrderUpdate, "order_update", 1, RecordDirection.Input,
        [
            new("frame_id", "i64", 0, 8, Frame),
            new("connection", "u8", 8, 1, "Ticker connection (shard) index, 255 for REST"),
            new("reserved", "u8", 9, 3, "Zero"),
            new("text", "utf8", 12, -1, "The JSON text frame exactly as received"),
        ]),
        [RecordType.BrokerText] = new(RecordType.BrokerText, "broker_text", 1, RecordDirection.Input,
        [
            new("frame_id", "i64", 0, 8, Frame),
            new("connection", "u8", 8, 1, "Ticker connection (shard) index"),
            new("reserved", "u8", 9, 3, "Zero"),
            new("text", "utf8", 12, -1, "The JSON text frame exactly as received"),
        ]),
        [RecordType.Timer] = new(RecordType.Timer, "timer", 1, RecordDirection.Input,
        [
            new("timer", "u16", 0, 2, "1 pre-open, 2 open, 3 square-off, 4 close, 5 closed (no session: after the close, a weekend or a holiday)"),
            new("reserved", "u8", 2, 6, "Zero"),
            new("market_time_ns", "i64", 8, 8, "The market time the timer is for, Unix ns"),
        ]),
        [RecordType.Command] = new(RecordType.Command, "command", 1, RecordDirection.Input,
        [
            new("command", "u16", 0, 2, "1 kill switch, 2 resume, 3 flatten"),
            new("reserved", "u8", 2, 6, "Zero"),
            new("argument", "i64", 8, 8, "Command argument (instrument token or 0)"),
            new("reason", "utf8", 16, -1, "Who or what issued it"),
        ]),
        [RecordType.SignalIntent] = new(RecordType.SignalIntent, "signal_intent", 1, RecordDirection.Output,
        [
            new("instrument_token", "u32", 0, 4, "Instrument"),
            new("side", "u8", 4, 1, "1 buy, 2 sell"),
            new("strategy", "u8", 5, 1, "Strategy instance index in the session's configuration"),
            new("reason_code", "u16", 6, 2, "The strategy's reason number (its text follows)"),
            new("strength", "f64", 8, 8, "Signal strength, 0..1"),
            new("price", "i64", 16, 8, "The instrument's last traded price when the intent was made, wire units"),
            new("stop", "i64", 24, 8, "Suggested stop, wire units; 0 if none"),
            new("flags", "u8", 32, 1, "Bit 0: an exit (closes a position) rather than an entry"),
            new("intent_index", "u8", 33, 1, "Position of the intent among its input's intents, from 0"),
            new("reserved", "u8", 34, 6, "Zero"),
            new("reason", "utf8", 40, -1, "Why, in words"),
        ]),
        [RecordType.RiskVerdict] = new(RecordType.RiskVerdict, "risk_verdict", 1, RecordDirection.Output,
        [
            new("instrument_token", "u32", 0, 4, "Instrument"),
            new("verdict", "u8", 4, 1, "1 accepted, 2 rejected, 3 resized"),
            new("rule", "u8", 5, 1, "The deciding rule: 0 none, 1 kill switch, 2 market session, 3 not tradable, 4 sizing"),
            new("intent_index", "u8", 6, 1, "The intent decided on (its position among its input's intents)"),
            new("reserved", "u8", 7, 1, "Zero"),
            new("quantity", "i64", 8, 8, "Quantity allowed (units); 0 when rejected"),
            new("client_order_id", "u64", 16, 8, "The order it became; 0 when rejected"),
            new("reason", "utf8", 24, -1, "The rule's verdict in words"),
        ]),
        [RecordType.OrderRequest] = new(RecordType.OrderRequest, "order_request", 1, RecordDirection.Output,
        [
            new("client_order_id", "u64", 0, 8, "The engine's own order id: (input sequence + 1) * 16 + intent index (also the Kite tag)"),
            new("instrument_token", "u32", 8, 4, "Instrument"),
            new("side", "u8", 12, 1, "1 buy, 2 sell"),
            new("order_type", "u8", 13, 1, "1 market, 2 limit, 3 SL, 4 SL-M"),
            new("product", "u8", 14, 1, "1 MIS, 2 CNC, 3 NRML"),
            new("reserved", "u8", 15, 1, "Zero"),
            new("quantity", "i64", 16, 8, "Units"),
            new("price", "i64", 24, 8, "Limit price, wire units; 0 for market"),
            new("trigger_price", "i64", 32, 8, "Trigger, wire units; 0 if none"),
        ]),
        [RecordType.SessionStart] = new(RecordType.SessionStart, "session_start", 1, RecordDirection.Meta,
        [
            new("seed", "u64", 0, 8, "The run's random seed"),
            new("configuration", "json", 8, -1, "Engine version, mode, market clock, strategies with their parameters and universes, risk settings, session calendar (never secrets)"),
        ]),
        [RecordType.Instrument] = new(RecordType.Instrument, "instrument", 1, RecordDirection.Meta,
        [
            new("instrument_token", "u32", 0, 4, "Instrument"),
            new("reserved", "u32", 4, 4, "Zero"),
            new("csv_row", "utf8", 8, -1, "The instrument's row in Kite's instruments CSV"),
        ]),
        [RecordType.UndecodablePacket] = new(RecordType.UndecodablePacket, "undecodable_packet", 1, RecordDirection.Input,
        [
            new("frame_id", "i64", 0, 8, Frame),
            new("connection", "u8", 8, 1, "Ticker connection (shard) index"),
            new("reserved", "u8", 9, 1, "Zero"),
            new("packet_index", "u16", 10, 2, "Position of the packet in its frame, from 0"),
            new("packet", "bytes", 12, -1, "The packet exactly as received, which the tick decoder refused; never acted on"),
        ]),
    };

    /// <summary>The schema as the JSON stored in segment headers.</summary>
    public static byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        format = JournalFormat.Version,
        record_header = "u32 length, u16 type, u16 version, u64 record_number, i64 sequence, i64 timestamp_ns, payload, u32 crc32c (little-endian)",
        types = Types.Values.Select(t => new
        {
            id = (int)t.Type,
            name = t.Name,
            version = t.Version,
            direction = t.Direction.ToString().ToLowerInvariant(),
            fields = t.Fields.Select(f => new { name = f.Name, type = f.Type, offset = f.Offset, size = f.Size, description = f.Description }),
        }),
    });

    /// <summary>The name of a type id, or <c>type_N</c> for one this build does not know.</summary>
    public static string NameOf(RecordType type) => Types.TryGetValue(type, out var info) ? info.Name : $"type_{(int)type}";

    /// <summary>Finds a type by name (as the reader tool's filters use).</summary>
    public static bool TryParse(string name, out RecordType type)
    {
        foreach (var info in Types.Values)
        {
            if (string.Equals(info.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                type = info.Type;
                return true;
            }
        }

        type = RecordType.None;
        return false;
    }
}
