using System.CommandLine;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal dump</c>: every record, readable, as JSON lines or as CSV.</summary>
public static class DumpCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format") { Description = "text, json (one object per line) or csv.", DefaultValueFactory = _ => "text" };
        var skip = new Option<bool>("--skip-damaged") { Description = "Continue past damaged records (each is reported on stderr) instead of stopping at the first." };
        var limit = new Option<long?>("--limit") { Description = "Stop after this many records." };
        var command = new Command("dump", "Print records: times in IST and UTC, tick packets decoded into Kite's fields.") { format, skip, limit };
        common.AddTo(command);
        command.SetAction(parse => Run(parse, common, parse.GetValue(format)!, parse.GetValue(skip), parse.GetValue(limit) ?? long.MaxValue));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions common, string format, bool skipDamaged, long limit)
    {
        if (format is not ("text" or "json" or "csv"))
        {
            throw new FormatException($"--format '{format}' is not one of text, json, csv.");
        }

        var reader = JournalReader.OpenWithSegments(parse.GetValue(common.Folder)!);
        var filter = common.Filter(parse, FirstDay(reader));
        var damage = new List<RecordDamage>();
        using var progress = new Progress();
        int segmentIndex = 0;
        long seen = 0, printed = 0;
        var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
        if (format == "csv")
        {
            output.WriteLine("record,sequence,type,time_ist,time_utc,segment,offset,instrument_token,fields");
        }

        var options = new JournalReadOptions
        {
            SkipDamaged = skipDamaged,
            FromSequence = filter.FromSequence,
            OnDamage = d =>
            {
                damage.Add(d);
                Console.Error.WriteLine(d.IsTornTail ? $"warning: torn tail: {d} (a restart of the writer cuts it)" : $"damage: {d}{(skipDamaged ? "; skipped" : "; stopping (use --skip-damaged to continue past it)")}");
            },
            OnSegment = _ => segmentIndex++,
        };
        foreach (var record in reader.Read(options))
        {
            progress.Report(segmentIndex - 1, reader.Segments.Count, ++seen);
            if (!filter.Accepts(record))
            {
                continue;
            }

            output.WriteLine(format switch
            {
                "json" => RecordRenderer.ToJson(record),
                "csv" => Csv.Line([
                    record.RecordNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    RecordSchema.NameOf(record.Type),
                    RecordTime.Ist8601(record.TimestampNs),
                    RecordTime.Utc8601(record.TimestampNs),
                    record.Segment.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    record.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    RecordRenderer.InstrumentToken(record)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    RecordRenderer.FieldsJson(record)]),
                _ => RecordRenderer.ToText(record),
            });
            if (++printed >= limit)
            {
                break;
            }
        }

        output.Flush();
        return damage.All(d => d.IsTornTail) ? 0 : 1;
    }

    /// <summary>The IST date of the journal's first record, to anchor HH:mm filters.</summary>
    public static DateOnly? FirstDay(JournalReader reader)
    {
        foreach (var record in reader.Read(new JournalReadOptions { SkipDamaged = true }))
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampNs / 1_000_000).ToOffset(TimeSpan.FromMinutes(330)).DateTime);
        }

        return null;
    }
}
