using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Core.Orders;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Orders;

/// <summary>
/// Follows every order through a journal: the input that caused it, the strategy's intent, the
/// risk verdict, each request, the broker's replies, its order updates (from the ticker or a
/// poll) and the engine's state transitions with their fills. One pass; outputs are matched to
/// orders by the engine's order id, updates by their tag (or the broker's id once a reply told it).
/// </summary>
public static class OrderLifeReader
{
    /// <summary>Every order in <paramref name="reader"/>'s journal, in the order they were decided.</summary>
    public static IReadOnlyList<OrderLife> Read(JournalReader reader, JournalReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lives = new Dictionary<ulong, OrderLife>();
        var order = new List<OrderLife>();
        var byBroker = new Dictionary<ulong, OrderLife>();
        var symbols = new Dictionary<uint, string>();
        var intents = new Dictionary<int, OrderEvent>();
        (long Sequence, OrderEvent Event)? lastInput = null;
        var inv = CultureInfo.InvariantCulture;

        OrderLife Life(ulong id)
        {
            if (!lives.TryGetValue(id, out var life))
            {
                life = new OrderLife { ClientOrderId = id, EngineOrder = OrderIds.IsSystem(id) };
                lives[id] = life;
                order.Add(life);
            }

            return life;
        }

        foreach (var record in reader.Read(options))
        {
            var payload = record.Payload.Span;
            var at = new OrderEvent("", record.Sequence, record.RecordNumber, RecordTime.Ist8601(record.TimestampNs), RecordTime.Utc8601(record.TimestampNs), "");
            switch (record.Type)
            {
                case RecordType.Instrument when payload.Length > 8:
                    string row = Encoding.UTF8.GetString(payload[8..]);
                    string[] columns = row.Split(',');
                    if (columns.Length > 2)
                    {
                        symbols[BinaryPrimitives.ReadUInt32LittleEndian(payload)] = columns[2];
                    }

                    break;
                case RecordType.SignalIntent when payload.Length >= OutputRecordCodec.IntentPrefixSize:
                    intents[payload[33]] = at with { Kind = "intent", What = OutputRecordCodec.Describe(record.Type, payload) };
                    break;
                case RecordType.RiskVerdict when payload.Length >= OutputRecordCodec.VerdictPrefixSize:
                    ulong verdictOrder = BinaryPrimitives.ReadUInt64LittleEndian(payload[16..]);
                    if (verdictOrder != 0)
                    {
                        var life = Life(verdictOrder);
                        if (lastInput is { } input && input.Sequence == record.Sequence)
                        {
                            life.Events.Add(input.Event);
                        }

                        if (intents.TryGetValue(payload[6], out var intent) && intent.Sequence == record.Sequence)
                        {
                            life.Events.Add(intent);
                        }

                        life.Events.Add(at with { Kind = "verdict", What = OutputRecordCodec.Describe(record.Type, payload) });
                    }

                    break;
                case RecordType.OrderRequest when payload.Length >= 40:
                    var request = OutputRecordCodec.ReadOrder(payload, record.Sequence);
                    var requested = Life(request.ClientOrderId);
                    if (requested.Events.Count == 0 && lastInput is { } cause && cause.Sequence == record.Sequence)
                    {
                        requested.Events.Add(cause.Event);
                    }

                    if (request.Action == OrderAction.Place)
                    {
                        requested.InstrumentToken = request.InstrumentToken;
                        requested.Symbol = symbols.GetValueOrDefault(request.InstrumentToken);
                        requested.Side = request.Side == Side.Buy ? "BUY" : "SELL";
                        requested.Quantity = request.Quantity;
                        requested.Order = $"{request.OrderType} {request.Product}";
                    }

                    requested.Events.Add(at with { Kind = "request", What = OutputRecordCodec.Describe(record.Type, payload) });
                    break;
                case RecordType.OrderReply when payload.Length >= InputRecordCodec.ReplyPrefixSize:
                    var reply = InputRecordCodec.ReadReply(payload);
                    var answered = Life(reply.ClientOrderId);
                    if (reply.BrokerOrderId != 0)
                    {
                        answered.BrokerOrderId = reply.BrokerOrderId.ToString(inv);
                        byBroker[reply.BrokerOrderId] = answered;
                    }

                    string body = Encoding.UTF8.GetString(payload[InputRecordCodec.ReplyPrefixSize..]);
                    answered.Events.Add(at with { Kind = "reply", What = string.Create(inv, $"{(reply.Action == OrderAction.None ? "look-up" : reply.Action.ToString().ToLowerInvariant())}: {reply.Outcome}{(reply.HttpStatus != 0 ? $" HTTP {reply.HttpStatus}" : " (no answer)")}{(reply.Error != BrokerError.None ? $" {reply.Error}" : "")}, attempt {reply.Attempt}, {reply.LatencyNs / 1e6:F1} ms: {Shorten(body)}") });
                    break;
                case RecordType.OrderUpdate when payload.Length >= InputRecordCodec.PrefixSize:
                    var text = payload[InputRecordCodec.PrefixSize..];
                    if (Engine.Kite.Ticker.OrderUpdateParser.TryParse(text, out var update))
                    {
                        ReadOnlySpan<byte> tag = update.Tag;
                        OrderLife? updated = OrderIds.TryParseTag(tag[..update.TagLength], out ulong taggedId) && lives.TryGetValue(taggedId, out var byTag) ? byTag
                            : byBroker.GetValueOrDefault(update.OrderId);
                        if (updated is not null)
                        {
                            updated.ExchangeOrderId = update.ExchangeOrderId != 0 ? update.ExchangeOrderId.ToString(inv) : updated.ExchangeOrderId;
                            updated.BrokerOrderId ??= update.OrderId.ToString(inv);
                            updated.FilledQuantity = update.FilledQuantity;
                            updated.AveragePrice = AveragePrice(text);
                            string source = payload[8] == 255 ? "order-book poll" : $"ticker connection {payload[8]}";
                            string message = StatusMessage(text) is { } m ? $" \"{m}\"" : "";
                            updated.Events.Add(at with { Kind = "update", What = string.Create(inv, $"{OrderStatuses.ToKite(update.Status)}, filled {update.FilledQuantity} of {update.Quantity} at average {AveragePrice(text)}, exchange order {update.ExchangeOrderId} (from the {source}){message}") });
                        }
                    }

                    break;
                case RecordType.OrderTransition when payload.Length >= OutputRecordCodec.TransitionSize:
                    var transition = OutputRecordCodec.ReadTransition(payload);
                    var moved = Life(transition.ClientOrderId);
                    if (!transition.Illegal)
                    {
                        moved.State = transition.To.ToString();
                    }

                    moved.Events.Add(at with { Kind = "state", What = OutputRecordCodec.Describe(record.Type, payload) });
                    break;
                default:
                    if (RecordSchema.Types.TryGetValue(record.Type, out var info) && info.Direction == RecordDirection.Input)
                    {
                        // The record's own header (number, sequence, times) is already in the event's columns.
                        string described = RecordRenderer.ToText(record);
                        int start = described.IndexOf(") ", StringComparison.Ordinal);
                        lastInput = (record.Sequence, at with { Kind = "input", What = Shorten(start >= 0 ? described[(start + 2)..] : described, 200) });
                    }

                    break;
            }
        }

        return order;
    }

    private static decimal AveragePrice(ReadOnlySpan<byte> json) => Field(json, "average_price") is { ValueKind: JsonValueKind.Number } e ? e.GetDecimal() : 0;

    private static string? StatusMessage(ReadOnlySpan<byte> json) => Field(json, "status_message") is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    private static JsonElement? Field(ReadOnlySpan<byte> json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement.TryGetProperty("data", out var data) ? data : document.RootElement;
            return root.TryGetProperty(name, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text, int max = 160) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
