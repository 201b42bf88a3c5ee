using System.Buffers.Binary;
using System.Text;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.JournalTool.Rendering;
using Engine.Kite.Ticks;

namespace Engine.JournalTool.Parquet;

/// <summary>
/// A journal as four Parquet tables for analytics (DuckDB, Spark, pandas): <c>ticks</c>,
/// <c>orders</c> (every request), <c>fills</c> (order transitions that filled, with the order's
/// instrument, side and product) and <c>decisions</c> (each strategy intent with the risk gate's
/// verdict on it). Every table has the journal sequence, the time as a UTC timestamp and as IST
/// text; prices are rupees (each segment's divisor applied), ids and quantities integers.
/// </summary>
public static class ParquetExport
{
    /// <summary>Writes the four tables into <paramref name="folder"/> from the records <paramref name="accepts"/> lets through; returns the rows of each.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> WriteAsync(JournalReader reader, string folder, Func<JournalRecord, bool> accepts, Action<int, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(accepts);
        Directory.CreateDirectory(folder);
        await using var ticks = new ParquetTable(Path.Combine(folder, "ticks.parquet"));
        await using var orders = new ParquetTable(Path.Combine(folder, "orders.parquet"));
        await using var fills = new ParquetTable(Path.Combine(folder, "fills.parquet"));
        await using var decisions = new ParquetTable(Path.Combine(folder, "decisions.parquet"));
        var t = new TickColumns(ticks);
        var o = new OrderColumns(orders);
        var f = new FillColumns(fills);
        var d = new DecisionColumns(decisions);
        var placed = new Dictionary<ulong, OrderRequest>();
        var intents = new Dictionary<(long, int), (JournalRecord Record, byte[] Payload)>();
        int segment = 0;
        long rows = 0;
        foreach (var record in reader.Read(new JournalReadOptions { SkipDamaged = true, OnSegment = _ => segment++ }))
        {
            progress?.Invoke(segment - 1, rows);
            var payload = record.Payload.Span;
            if (record.Type == RecordType.OrderRequest)
            {
                var order = OutputRecordCodec.ReadOrder(payload, record.Sequence);
                if (order.Action is OrderAction.Place or OrderAction.None)
                {
                    placed[order.ClientOrderId] = order;
                }
            }

            if (!accepts(record))
            {
                continue;
            }

            switch (record.Type)
            {
                case RecordType.Tick:
                    var tick = default(Tick);
                    if (payload.Length > InputRecordCodec.PrefixSize && TickDecoder.TryDecode(payload[InputRecordCodec.PrefixSize..], ref tick))
                    {
                        Times(t.Sequence, t.Utc, t.Ist, record);
                        t.Add(tick);
                        await ticks.EndRowAsync().ConfigureAwait(false);
                        rows++;
                    }

                    break;
                case RecordType.OrderRequest:
                    Times(o.Sequence, o.Utc, o.Ist, record);
                    o.Add(OutputRecordCodec.ReadOrder(payload, record.Sequence));
                    await orders.EndRowAsync().ConfigureAwait(false);
                    rows++;
                    break;
                case RecordType.OrderTransition:
                    var transition = OutputRecordCodec.ReadTransition(payload);
                    if (transition.FillQuantity > 0 && !transition.Illegal)
                    {
                        Times(f.Sequence, f.Utc, f.Ist, record);
                        f.Add(transition, placed.TryGetValue(transition.ClientOrderId, out var request) ? request : default);
                        await fills.EndRowAsync().ConfigureAwait(false);
                        rows++;
                    }

                    break;
                case RecordType.SignalIntent when payload.Length >= 40:
                    intents[(record.Sequence, payload[33])] = (record, payload.ToArray());
                    break;
                case RecordType.RiskVerdict when payload.Length >= 24:
                    if (intents.Remove((record.Sequence, payload[6]), out var intent))
                    {
                        Times(d.Sequence, d.Utc, d.Ist, intent.Record);
                        d.Add(intent.Payload, payload);
                        await decisions.EndRowAsync().ConfigureAwait(false);
                        rows++;
                    }

                    break;
            }
        }

        return new Dictionary<string, long> { ["ticks"] = ticks.Rows, ["orders"] = orders.Rows, ["fills"] = fills.Rows, ["decisions"] = decisions.Rows };
    }

    private static void Times(ValueParquetColumn<long> sequence, ValueParquetColumn<DateTime> utc, StringParquetColumn ist, JournalRecord record)
    {
        sequence.Add(record.Sequence);
        utc.Add(DateTime.UnixEpoch.AddTicks(record.TimestampNs / 100));
        ist.Add(RecordTime.Ist8601(record.TimestampNs));
    }

    private static double Rupees(long units, uint token) => units / (double)Segments.PriceDivisor(Segments.Of(token));

    private static string Name<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private sealed class TickColumns(ParquetTable table)
    {
        public readonly ValueParquetColumn<long> Sequence = table.Column<long>("sequence");
        public readonly ValueParquetColumn<DateTime> Utc = table.Column<DateTime>("time_utc");
        public readonly StringParquetColumn Ist = table.Text("time_ist");
        private readonly ValueParquetColumn<long> _token = table.Column<long>("instrument_token");
        private readonly StringParquetColumn _mode = table.Text("mode");
        private readonly ValueParquetColumn<double> _last = table.Column<double>("last_price");
        private readonly ValueParquetColumn<long> _lastQuantity = table.Column<long>("last_quantity");
        private readonly ValueParquetColumn<double> _average = table.Column<double>("average_price");
        private readonly ValueParquetColumn<long> _volume = table.Column<long>("volume");
        private readonly ValueParquetColumn<long> _buyQuantity = table.Column<long>("buy_quantity");
        private readonly ValueParquetColumn<long> _sellQuantity = table.Column<long>("sell_quantity");
        private readonly ValueParquetColumn<double> _open = table.Column<double>("open");
        private readonly ValueParquetColumn<double> _high = table.Column<double>("high");
        private readonly ValueParquetColumn<double> _low = table.Column<double>("low");
        private readonly ValueParquetColumn<double> _close = table.Column<double>("close");
        private readonly ValueParquetColumn<long> _oi = table.Column<long>("oi");
        private readonly ValueParquetColumn<long> _exchange = table.Column<long>("exchange_timestamp");
        private readonly ValueParquetColumn<double> _bid = table.Column<double>("bid1_price");
        private readonly ValueParquetColumn<long> _bidQuantity = table.Column<long>("bid1_quantity");
        private readonly ValueParquetColumn<double> _ask = table.Column<double>("ask1_price");
        private readonly ValueParquetColumn<long> _askQuantity = table.Column<long>("ask1_quantity");

        public void Add(in Tick tick)
        {
            uint token = tick.InstrumentToken;
            _token.Add(token);
            _mode.Add(tick.Mode.ToString().ToLowerInvariant());
            _last.Add(Rupees(tick.LastPrice, token));
            _lastQuantity.Add(tick.LastTradedQuantity);
            _average.Add(Rupees(tick.AverageTradedPrice, token));
            _volume.Add(tick.VolumeTraded);
            _buyQuantity.Add(tick.TotalBuyQuantity);
            _sellQuantity.Add(tick.TotalSellQuantity);
            _open.Add(Rupees(tick.Open, token));
            _high.Add(Rupees(tick.High, token));
            _low.Add(Rupees(tick.Low, token));
            _close.Add(Rupees(tick.Close, token));
            _oi.Add(tick.Oi);
            _exchange.Add(tick.ExchangeTimestamp);
            _bid.Add(Rupees(tick.Bids[0].Price, token));
            _bidQuantity.Add(tick.Bids[0].Quantity);
            _ask.Add(Rupees(tick.Asks[0].Price, token));
            _askQuantity.Add(tick.Asks[0].Quantity);
        }
    }

    private sealed class OrderColumns(ParquetTable table)
    {
        public readonly ValueParquetColumn<long> Sequence = table.Column<long>("sequence");
        public readonly ValueParquetColumn<DateTime> Utc = table.Column<DateTime>("time_utc");
        public readonly StringParquetColumn Ist = table.Text("time_ist");
        private readonly ValueParquetColumn<ulong> _client = table.Column<ulong>("client_order_id");
        private readonly ValueParquetColumn<ulong> _broker = table.Column<ulong>("broker_order_id");
        private readonly StringParquetColumn _action = table.Text("action");
        private readonly ValueParquetColumn<long> _token = table.Column<long>("instrument_token");
        private readonly StringParquetColumn _side = table.Text("side");
        private readonly StringParquetColumn _type = table.Text("order_type");
        private readonly StringParquetColumn _product = table.Text("product");
        private readonly ValueParquetColumn<long> _quantity = table.Column<long>("quantity");
        private readonly ValueParquetColumn<double> _price = table.Column<double>("price");
        private readonly ValueParquetColumn<double> _trigger = table.Column<double>("trigger_price");
        private readonly StringParquetColumn _validity = table.Text("validity");
        private readonly ValueParquetColumn<int> _protection = table.Column<int>("market_protection");

        public void Add(in OrderRequest order)
        {
            _client.Add(order.ClientOrderId);
            _broker.Add(order.BrokerOrderId);
            _action.Add(Name(order.Action == OrderAction.None ? OrderAction.Place : order.Action));
            _token.Add(order.InstrumentToken);
            _side.Add(Name(order.Side));
            _type.Add(Name(order.OrderType));
            _product.Add(Name(order.Product));
            _quantity.Add(order.Quantity);
            _price.Add(Rupees(order.Price, order.InstrumentToken));
            _trigger.Add(Rupees(order.TriggerPrice, order.InstrumentToken));
            _validity.Add(Name(order.Validity));
            _protection.Add(order.MarketProtection);
        }
    }

    private sealed class FillColumns(ParquetTable table)
    {
        public readonly ValueParquetColumn<long> Sequence = table.Column<long>("sequence");
        public readonly ValueParquetColumn<DateTime> Utc = table.Column<DateTime>("time_utc");
        public readonly StringParquetColumn Ist = table.Text("time_ist");
        private readonly ValueParquetColumn<ulong> _client = table.Column<ulong>("client_order_id");
        private readonly ValueParquetColumn<long> _token = table.Column<long>("instrument_token");
        private readonly StringParquetColumn _side = table.Text("side");
        private readonly StringParquetColumn _product = table.Text("product");
        private readonly ValueParquetColumn<long> _quantity = table.Column<long>("fill_quantity");
        private readonly ValueParquetColumn<double> _price = table.Column<double>("fill_price");
        private readonly ValueParquetColumn<long> _filled = table.Column<long>("filled_quantity");
        private readonly StringParquetColumn _state = table.Text("state");
        private readonly StringParquetColumn _status = table.Text("broker_status");

        public void Add(in OrderTransition transition, in OrderRequest order)
        {
            _client.Add(transition.ClientOrderId);
            _token.Add(order.InstrumentToken);
            _side.Add(Name(order.Side));
            _product.Add(Name(order.Product));
            _quantity.Add(transition.FillQuantity);
            _price.Add(Rupees(transition.FillPrice, order.InstrumentToken));
            _filled.Add(transition.FilledQuantity);
            _state.Add(Name(transition.To));
            _status.Add(OrderStatuses.ToKite(transition.BrokerStatus));
        }
    }

    private sealed class DecisionColumns(ParquetTable table)
    {
        public readonly ValueParquetColumn<long> Sequence = table.Column<long>("sequence");
        public readonly ValueParquetColumn<DateTime> Utc = table.Column<DateTime>("time_utc");
        public readonly StringParquetColumn Ist = table.Text("time_ist");
        private readonly ValueParquetColumn<int> _index = table.Column<int>("intent_index");
        private readonly ValueParquetColumn<long> _token = table.Column<long>("instrument_token");
        private readonly StringParquetColumn _side = table.Text("side");
        private readonly ValueParquetColumn<int> _strategy = table.Column<int>("strategy");
        private readonly ValueParquetColumn<int> _reasonCode = table.Column<int>("reason_code");
        private readonly ValueParquetColumn<double> _strength = table.Column<double>("strength");
        private readonly ValueParquetColumn<double> _price = table.Column<double>("price");
        private readonly ValueParquetColumn<double> _stop = table.Column<double>("stop");
        private readonly ValueParquetColumn<bool> _exit = table.Column<bool>("exit");
        private readonly StringParquetColumn _reason = table.Text("reason");
        private readonly StringParquetColumn _verdict = table.Text("verdict");
        private readonly ValueParquetColumn<int> _rule = table.Column<int>("rule");
        private readonly StringParquetColumn _ruleText = table.Text("rule_reason");
        private readonly ValueParquetColumn<long> _quantity = table.Column<long>("quantity");
        private readonly ValueParquetColumn<ulong> _client = table.Column<ulong>("client_order_id");

        public void Add(ReadOnlySpan<byte> intent, ReadOnlySpan<byte> verdict)
        {
            uint token = BinaryPrimitives.ReadUInt32LittleEndian(intent);
            _index.Add(intent[33]);
            _token.Add(token);
            _side.Add(intent[4] == 2 ? "sell" : "buy");
            _strategy.Add(intent[5]);
            _reasonCode.Add(BinaryPrimitives.ReadUInt16LittleEndian(intent[6..]));
            _strength.Add(BinaryPrimitives.ReadDoubleLittleEndian(intent[8..]));
            _price.Add(Rupees(BinaryPrimitives.ReadInt64LittleEndian(intent[16..]), token));
            _stop.Add(Rupees(BinaryPrimitives.ReadInt64LittleEndian(intent[24..]), token));
            _exit.Add((intent[32] & 1) != 0);
            _reason.Add(Encoding.UTF8.GetString(intent[40..]));
            _verdict.Add(verdict[4] switch { 1 => "accepted", 2 => "rejected", 3 => "resized", _ => "unknown" });
            _rule.Add(verdict[5]);
            _ruleText.Add(Encoding.UTF8.GetString(verdict[24..]));
            _quantity.Add(BinaryPrimitives.ReadInt64LittleEndian(verdict[8..]));
            _client.Add(BinaryPrimitives.ReadUInt64LittleEndian(verdict[16..]));
        }
    }
}
