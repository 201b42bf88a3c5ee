using System.Text.Json;

namespace Engine.Journal.Format;

/// <summary>
/// Every record type this build writes, with its payload layout. Written as JSON into every
/// segment header, so a segment explains itself to a reader built years later.
/// </summary>
public static class RecordSchema
{
    private const string Frame = "Frame counter of the receiving connection";
    private const string TradingStates = "1 active, 2 reducing-only, 3 halted";
    private const string Limits = "1 daily loss, 2 overall loss, 3 trailing drawdown, 4 gross exposure, 5 net exposure, 6 open positions, 7 orders per second, 8 orders per minute, 9 orders per day, 10 losses in a row";
    private const string MonotonicStamp = "Monotonic ns of the writing process (0: not stamped) when ";
    private const string LimitStatuses = "1 safe, 2 caution, 3 critical, 4 violated";

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
            new("command", "u16", 0, 2, "1 kill switch, 2 resume, 3 flatten, 4 halt, 5 reduce-only, 6 a new risk rule set (the reason field holds it as JSON), 7 the feed is stale, 8 the feed is back, 9 the account at start-up (the reason field holds it as JSON)"),
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
            new("rule", "u8", 5, 1, "The deciding rule: 0 none, 1 kill switch, 2 market session, 3 not tradable, 4 sizing, 5 flattened, 6 halted, 7 reducing-only, 8 cool-off, 9 circuit band, 10 fat finger, 11 market protection, 12 order quantity, 13 order value, 14 position value, 15 sector exposure, 16 open positions, 17 gross exposure, 18 net exposure, 19 daily loss, 20 overall loss, 21 trailing drawdown, 22 orders per second, 23 orders per minute, 24 orders per day"),
            new("intent_index", "u8", 6, 1, "The intent decided on (its position among its input's intents)"),
            new("reserved", "u8", 7, 1, "Zero"),
            new("quantity", "i64", 8, 8, "Quantity allowed (units); 0 when rejected"),
            new("client_order_id", "u64", 16, 8, "The order it became; 0 when rejected"),
            new("reason", "utf8", 24, -1, "The rule's verdict in words"),
        ]),
        [RecordType.OrderRequest] = new(RecordType.OrderRequest, "order_request", 2, RecordDirection.Output,
        [
            new("client_order_id", "u64", 0, 8, "The engine's own order id, sent to Kite as the order's tag: (input sequence + 1) * 16 + intent index for a strategy's order; the top bit set and (input sequence + 1) * 64 + index for the engine's own (square-off, flatten)"),
            new("instrument_token", "u32", 8, 4, "Instrument"),
            new("side", "u8", 12, 1, "1 buy, 2 sell"),
            new("order_type", "u8", 13, 1, "1 market, 2 limit, 3 SL, 4 SL-M"),
            new("product", "u8", 14, 1, "1 MIS, 2 CNC, 3 NRML"),
            new("action", "u8", 15, 1, "1 place, 2 modify, 3 cancel (0 in version 1 records: place)"),
            new("quantity", "i64", 16, 8, "Units"),
            new("price", "i64", 24, 8, "Limit price, wire units; 0 for market"),
            new("trigger_price", "i64", 32, 8, "Trigger, wire units; 0 if none"),
            new("broker_order_id", "u64", 40, 8, "For a modify or cancel: the broker's order id if known when decided, else 0 (version 2)"),
            new("validity", "u8", 48, 1, "1 DAY, 2 IOC, 3 TTL (version 2)"),
            new("reserved", "u8", 49, 1, "Zero"),
            new("market_protection", "i16", 50, 2, "Kite's market_protection: -1 the broker chooses, 1-100 percent, 0 none (version 2)"),
            new("validity_ttl", "i16", 52, 2, "Minutes, with TTL (version 2)"),
            new("reserved", "u16", 54, 2, "Zero"),
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
        [RecordType.OrderReply] = new(RecordType.OrderReply, "order_reply", 1, RecordDirection.Input,
        [
            new("client_order_id", "u64", 0, 8, "The engine's order id the request was for"),
            new("broker_order_id", "u64", 8, 8, "The broker's order id, if the answer carried one; else 0"),
            new("action", "u8", 16, 1, "The request answered: 1 place, 2 modify, 3 cancel, 0 a look-up by tag"),
            new("outcome", "u8", 17, 1, "1 accepted, 2 rejected, 3 rate-limited (HTTP 429), 4 no answer (timeout, lost connection, 5xx), 5 found by the look-up, 6 absent at the broker"),
            new("error", "u8", 18, 1, "The broker's error_type: 0 none, 1 Token, 2 User, 3 Permission, 4 Input, 5 Order, 6 Margin, 7 Holding, 8 Network, 9 Data, 10 General, 11 rate limit, 12 timeout"),
            new("reserved", "u8", 19, 1, "Zero"),
            new("http_status", "i16", 20, 2, "HTTP status; 0 when there was no answer"),
            new("attempt", "i16", 22, 2, "1 for the first send; later sends after a look-up found the order absent count on"),
            new("latency_ns", "i64", 24, 8, "From the request leaving the gateway to the answer"),
            new("body", "utf8", 32, -1, "The response body as received (JSON), or what the gateway saw instead"),
        ]),
        [RecordType.OrderTransition] = new(RecordType.OrderTransition, "order_transition", 1, RecordDirection.Output,
        [
            new("client_order_id", "u64", 0, 8, "The engine's order id"),
            new("filled_quantity", "i64", 8, 8, "Total filled after the transition"),
            new("fill_quantity", "i64", 16, 8, "What this transition filled; 0 if nothing"),
            new("fill_price", "i64", 24, 8, "The price of that fill, wire units"),
            new("from", "u8", 32, 1, "State before: 1 pending new, 2 working, 3 pending modify, 4 pending cancel, 5 complete, 6 cancelled, 7 rejected"),
            new("to", "u8", 33, 1, "State after (for an illegal transition: the state refused)"),
            new("cause", "u8", 34, 1, "1 a reply, 2 an order update, 3 a cancel sent, 4 a modify sent"),
            new("broker_status", "u8", 35, 1, "Kite's status that came with it: 0 none or unknown, 1 PUT ORDER REQ RECEIVED, 2 AMO REQ RECEIVED, 3 VALIDATION PENDING, 4 OPEN PENDING, 5 OPEN, 6 TRIGGER PENDING, 7 MODIFY VALIDATION PENDING, 8 MODIFY PENDING, 9 MODIFIED, 10 CANCEL PENDING, 11 COMPLETE, 12 CANCELLED, 13 REJECTED, 14 UPDATE"),
            new("flags", "u8", 36, 1, "Bit 0: illegal (refused, not applied)"),
            new("reserved", "u8", 37, 3, "Zero"),
        ]),
        [RecordType.RiskState] = new(RecordType.RiskState, "risk_state", 1, RecordDirection.Output,
        [
            new("from", "u8", 0, 1, TradingStates),
            new("to", "u8", 1, 1, TradingStates),
            new("trigger", "u8", 2, 1, "1 a limit critical, 2 a limit reached, 3 operator halt, 4 operator reduce-only, 5 operator resume, 6 the day's reset, 7 a stale feed"),
            new("limit", "u8", 3, 1, Limits),
            new("status", "u8", 4, 1, LimitStatuses),
            new("reserved", "u8", 5, 3, "Zero"),
            new("used", "i64", 8, 8, "What was used of the limit (paise, or a count)"),
            new("max", "i64", 16, 8, "The limit (paise, or a count)"),
        ]),
        [RecordType.RiskSnapshot] = new(RecordType.RiskSnapshot, "risk_snapshot", 1, RecordDirection.Output,
        [
            new("state", "u8", 0, 1, TradingStates),
            new("count", "u8", 1, 1, "Limits that follow"),
            new("reserved", "u8", 2, 6, "Zero"),
            new("equity", "i64", 8, 8, "Capital plus net P&L, paise"),
            new("realized_pnl", "i64", 16, 8, "Realised P&L, paise"),
            new("unrealized_pnl", "i64", 24, 8, "Mark-to-market of the open positions, paise"),
            new("charges", "i64", 32, 8, "Charges on today's executed orders, paise"),
            new("high_water_mark", "i64", 40, 8, "The equity high the drawdown is measured from, paise"),
            new("orders_today", "i64", 48, 8, "Orders sent today"),
            new("limits", "bytes", 56, -1, "count entries of 24 bytes: u8 limit (" + Limits + "), u8 status (" + LimitStatuses + "), 6 zero bytes, i64 used, i64 max"),
        ]),
        [RecordType.Latency] = new(RecordType.Latency, "latency", 1, RecordDirection.Meta,
        [
            new("received_ns", "i64", 0, 8, MonotonicStamp + "the engine's door claimed the input's slot (its frame had been read)"),
            new("published_ns", "i64", 8, 8, MonotonicStamp + "the input was decoded and published to the stages"),
            new("decided_ns", "i64", 16, 8, MonotonicStamp + "the strategies were done with it"),
            new("judged_ns", "i64", 24, 8, MonotonicStamp + "the risk gate was done with it"),
            new("journaled_ns", "i64", 32, 8, MonotonicStamp + "its records were in the journal (flushed, when it carried an order)"),
            new("handed_ns", "i64", 40, 8, MonotonicStamp + "for an order's answer: the router handed the answered request to the gateway"),
            new("sent_ns", "i64", 48, 8, MonotonicStamp + "for an order's answer: the request went on the wire"),
            new("answered_ns", "i64", 56, 8, MonotonicStamp + "for an order's answer: the answer arrived"),
            new("cause_sequence", "i64", 64, 8, "For an order's answer: the input whose decision made the request; -1 otherwise"),
        ]),
    };

    // Each known type's direction by id (-1: unknown), for readers that ask once per record.
    private static readonly sbyte[] s_directions = Directions();

    /// <summary>The direction of a type this build knows, by a table lookup (the replay asks once per record).</summary>
    public static bool TryGetDirection(RecordType type, out RecordDirection direction)
    {
        int id = (int)type;
        sbyte known = (uint)id < (uint)s_directions.Length ? s_directions[id] : (sbyte)-1;
        direction = (RecordDirection)Math.Max((sbyte)0, known);
        return known >= 0;
    }

    private static sbyte[] Directions()
    {
        var table = new sbyte[Types.Keys.Max(t => (int)t) + 1];
        Array.Fill(table, (sbyte)-1);
        foreach (var info in Types.Values)
        {
            table[(int)info.Type] = (sbyte)info.Direction;
        }

        return table;
    }

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
