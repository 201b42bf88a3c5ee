using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal stats</c>: records by type, time span, rates, sizes and compression.</summary>
public static class StatsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("journal") { Description = "The journal folder." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("stats", "Records by type, time span, rates, sizes and compression ratio.") { folder, json };
        command.SetAction(parse =>
        {
            var reader = JournalReader.OpenWithSegments(parse.GetValue(folder)!);
            var byType = new SortedDictionary<string, (long Records, long Bytes)>();
            long first = long.MaxValue, last = long.MinValue, records = 0, damaged = 0;
            long sealedStored = 0, sealedRaw = 0, activeBytes = 0;
            int segmentIndex = 0;
            using var progress = new Progress();
            var options = new JournalReadOptions
            {
                SkipDamaged = true,
                OnDamage = d => { if (!d.IsTornTail) { damaged++; } },
                OnSegment = content =>
                {
                    segmentIndex++;
                    if (content.File.Sealed)
                    {
                        sealedStored += content.StoredBytes;
                        sealedRaw += content.Length;
                    }
                    else
                    {
                        activeBytes += content.Length;
                    }
                },
            };
            foreach (var record in reader.Read(options))
            {
                progress.Report(segmentIndex - 1, reader.Segments.Count, ++records);
                string name = RecordSchema.NameOf(record.Type);
                var (count, bytes) = byType.GetValueOrDefault(name);
                byType[name] = (count + 1, bytes + record.Header.Length);
                first = Math.Min(first, record.TimestampNs);
                last = Math.Max(last, record.TimestampNs);
            }

            progress.Dispose();
            double span = records > 0 ? (last - first) / 1e9 : 0;
            double ratio = sealedStored > 0 ? sealedRaw / (double)sealedStored : 0;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    segments = reader.Segments.Count,
                    sealed_segments = reader.Segments.Count(s => s.Sealed),
                    records,
                    damaged_records = damaged,
                    first_time_ist = records > 0 ? RecordTime.Ist8601(first) : null,
                    last_time_ist = records > 0 ? RecordTime.Ist8601(last) : null,
                    span_seconds = span,
                    records_per_second = span > 0 ? records / span : 0,
                    by_type = byType.ToDictionary(p => p.Key, p => new { records = p.Value.Records, bytes = p.Value.Bytes, records_per_second = span > 0 ? p.Value.Records / span : 0 }),
                    sealed_uncompressed_bytes = sealedRaw,
                    sealed_stored_bytes = sealedStored,
                    active_bytes = activeBytes,
                    compression_ratio = Math.Round(ratio, 2),
                }));
                return 0;
            }

            var inv = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            text.AppendLine(inv, $"journal {reader.Folder}: {reader.Segments.Count} segments ({reader.Segments.Count(s => s.Sealed)} sealed), {records:N0} records{(damaged > 0 ? $", {damaged} damaged" : "")}");
            if (records > 0)
            {
                text.AppendLine(inv, $"time: {RecordTime.Ist8601(first)} .. {RecordTime.Ist8601(last)} IST ({RecordTime.Utc8601(first)} .. {RecordTime.Utc8601(last)}), {span:N1} s, {(span > 0 ? records / span : 0):N0} records/s");
            }

            text.AppendLine(inv, $"{"type",-16} {"records",12} {"bytes",14} {"records/s",12}");
            foreach (var (name, (count, bytes)) in byType)
            {
                text.AppendLine(inv, $"{name,-16} {count,12:N0} {bytes,14:N0} {(span > 0 ? count / span : 0),12:N0}");
            }

            text.AppendLine(inv, $"sealed: {sealedRaw:N0} bytes stored in {sealedStored:N0} ({(ratio > 0 ? $"{ratio:F2}:1" : "none sealed")}); active: {activeBytes:N0} bytes uncompressed");
            Console.Out.Write(text.ToString());
            return 0;
        });
        return command;
    }
}
