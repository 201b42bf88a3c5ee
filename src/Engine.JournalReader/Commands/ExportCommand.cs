using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.JournalTool.Rendering;
using Engine.Kite.Ticks;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal export</c>: one record type as a CSV with a column per field, for spreadsheets.</summary>
public static class ExportCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new CommonOptions();
        var output = new Option<string?>("--out") { Description = "CSV: write to this file instead of standard output. Parquet: the folder for the tables (required)." };
        var format = new Option<string>("--format") { Description = "csv (one record type, --type) or parquet (the ticks, orders, fills and decisions tables).", DefaultValueFactory = _ => "csv" };
        var command = new Command("export", "Export one record type (--type) to CSV, a column per field (ticks with every Kite field and the 5+5 depth); or, with --format parquet, the journal as ticks, orders, fills and decisions tables for DuckDB or Spark.") { output, format };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string chosen = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (chosen == "parquet")
            {
                return await ExportParquetAsync(parse, common, parse.GetValue(output)).ConfigureAwait(false);
            }

            if (chosen != "csv")
            {
                throw new FormatException($"--format: '{chosen}' is not csv or parquet.");
            }

            var types = RecordFilter.ParseTypes(parse.GetValue(common.Types));
            if (types.Count != 1)
            {
                throw new FormatException("export needs exactly one --type, e.g. --type tick.");
            }

            var type = types.Single();
            var reader = JournalReader.OpenWithSegments(parse.GetValue(common.Folder)!);
            var filter = common.Filter(parse, DumpCommand.FirstDay(reader));
            string? path = parse.GetValue(output);
            using var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            writer.WriteLine(Csv.Line(Header(type)));
            long rows = 0;
            int segmentIndex = 0;
            using var progress = new Progress();
            foreach (var record in reader.Read(new JournalReadOptions { SkipDamaged = true, OnSegment = _ => segmentIndex++, OnDamage = d => Console.Error.WriteLine($"{(d.IsTornTail ? "warning: torn tail" : "damage")}: {d}") }))
            {
                progress.Report(segmentIndex - 1, reader.Segments.Count, rows);
                if (filter.Accepts(record))
                {
                    writer.WriteLine(Csv.Line(Row(record)));
                    rows++;
                }
            }

            writer.Flush();
            progress.Dispose();
            if (path is not null)
            {
                Console.Error.WriteLine($"exported {rows:N0} {RecordSchema.NameOf(type)} records to {path}");
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> ExportParquetAsync(ParseResult parse, CommonOptions common, string? folder)
    {
        if (folder is null)
        {
            throw new FormatException("--format parquet needs --out FOLDER (it writes ticks.parquet, orders.parquet, fills.parquet and decisions.parquet there).");
        }

        if (parse.GetValue(common.Types) is not null)
        {
            throw new FormatException("--format parquet exports the ticks, orders, fills and decisions tables together; leave out --type (the other filters apply).");
        }

        var reader = JournalReader.OpenWithSegments(parse.GetValue(common.Folder)!);
        var filter = common.Filter(parse, DumpCommand.FirstDay(reader));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyDictionary<string, long> rows;
        using (var progress = new Progress())
        {
            rows = await Parquet.ParquetExport.WriteAsync(reader, folder, record => filter.Accepts(record), (segment, done) => progress.Report(segment, reader.Segments.Count, done)).ConfigureAwait(false);
        }

        long total = rows.Values.Sum();
        Console.Error.WriteLine(string.Create(Inv, $"exported {string.Join(", ", rows.Select(r => $"{r.Value:N0} {r.Key}"))} to {Path.GetFullPath(folder)} in {clock.Elapsed.TotalSeconds:F1} s ({total / Math.Max(1e-3, clock.Elapsed.TotalSeconds):N0} rows/s)"));
        return 0;
    }

    private static List<string> Header(RecordType type)
    {
        var columns = new List<string> { "record", "sequence", "time_ist", "time_utc" };
        if (type == RecordType.Tick)
        {
            columns.AddRange(["frame_id", "connection", "packet_index", "mode", "instrument_token", "last_price", "last_quantity", "average_price", "volume", "buy_quantity", "sell_quantity", "open", "high", "low", "close", "net_change", "last_trade_time", "oi", "oi_day_high", "oi_day_low", "exchange_timestamp"]);
            foreach (string side in new[] { "bid", "ask" })
            {
                for (int level = 1; level <= DepthSide.Levels; level++)
                {
                    columns.AddRange([$"{side}{level}_price", $"{side}{level}_quantity", $"{side}{level}_orders"]);
                }
            }

            return columns;
        }

        columns.AddRange(RecordSchema.Types[type].Fields.Where(f => f.Name != "reserved").Select(f => f.Name));
        return columns;
    }

    private static List<string?> Row(JournalRecord record)
    {
        var row = new List<string?>
        {
            record.RecordNumber.ToString(Inv),
            record.Sequence.ToString(Inv),
            RecordTime.Ist8601(record.TimestampNs),
            RecordTime.Utc8601(record.TimestampNs),
        };
        var payload = record.Payload.Span;
        if (record.Type == RecordType.Tick)
        {
            var tick = default(Tick);
            TickDecoder.TryDecode(payload[InputRecordCodec.PrefixSize..], ref tick);
            string P(long units) => TickJson.Price(units, tick.PriceDivisor).ToString(Inv);
            row.AddRange([
                BinaryPrimitives.ReadInt64LittleEndian(payload).ToString(Inv), payload[8].ToString(Inv), BinaryPrimitives.ReadUInt16LittleEndian(payload[10..]).ToString(Inv),
                tick.Mode.ToString().ToLowerInvariant(), tick.InstrumentToken.ToString(Inv), P(tick.LastPrice), tick.LastTradedQuantity.ToString(Inv), P(tick.AverageTradedPrice),
                tick.VolumeTraded.ToString(Inv), tick.TotalBuyQuantity.ToString(Inv), tick.TotalSellQuantity.ToString(Inv), P(tick.Open), P(tick.High), P(tick.Low), P(tick.Close),
                P(tick.IsIndex ? tick.IndexChange : tick.NetChange), TickJson.IstTime(tick.LastTradeTime), tick.Oi.ToString(Inv), tick.OiDayHigh.ToString(Inv), tick.OiDayLow.ToString(Inv),
                TickJson.IstTime(tick.ExchangeTimestamp)]);
            for (int level = 0; level < DepthSide.Levels; level++)
            {
                row.AddRange([P(tick.Bids[level].Price), tick.Bids[level].Quantity.ToString(Inv), tick.Bids[level].Orders.ToString(Inv)]);
            }

            for (int level = 0; level < DepthSide.Levels; level++)
            {
                row.AddRange([P(tick.Asks[level].Price), tick.Asks[level].Quantity.ToString(Inv), tick.Asks[level].Orders.ToString(Inv)]);
            }

            return row;
        }

        using var fields = System.Text.Json.JsonDocument.Parse(RecordRenderer.FieldsJson(record));
        foreach (var field in RecordSchema.Types[record.Type].Fields.Where(f => f.Name != "reserved"))
        {
            row.Add(fields.RootElement.TryGetProperty(field.Name, out var value)
                ? value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : value.GetRawText()
                : "");
        }

        return row;
    }
}
