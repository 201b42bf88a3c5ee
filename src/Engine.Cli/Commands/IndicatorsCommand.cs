using System.CommandLine;
using Engine.Host.Indicators;
using Engine.Core.Indicators;

namespace Engine.Cli.Commands;

/// <summary><c>engine indicators</c>: run indicators over a quotes CSV, bar by bar, as the engine computes them.</summary>
public static class IndicatorsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Quotes CSV: date,open,high,low,close,volume (any order, BOM, MM/dd/yyyy and ISO dates, unsorted rows).", Required = true };
        var indicator = new Option<string[]>("--indicator")
        {
            Description = $"An indicator spec; repeat for several. Forms: {string.Join(", ", IndicatorSpecs.Forms)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("indicators", "Compute indicators over a quotes file with the engine's incremental code: one row per bar, empty during warm-up.") { input, indicator, format, output };
        command.SetAction(parse =>
        {
            string form = parse.GetValue(format)!;
            if (form is not ("csv" or "json"))
            {
                throw new FormatException($"--format '{form}' is not csv or json.");
            }

            var table = new IndicatorTable(parse.GetValue(indicator)!);
            var bars = QuotesCsv.Load(parse.GetValue(input)!, warning => Console.Error.WriteLine($"warning: {warning}"));
            var rows = table.Run(bars);
            string? path = parse.GetValue(output);
            using var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            if (form == "json")
            {
                table.WriteJson(stream, bars, rows);
                stream.WriteByte((byte)'\n');
            }
            else
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16);
                table.WriteCsv(writer, bars, rows);
            }

            return 0;
        });
        return command;
    }
}
