using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Journal.Reading;
using HdrHistogram;
using Engine.JournalTool.Latency;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal latency</c>: per-hop and end-to-end latency histograms from the journal's latency records.</summary>
public static class LatencyCommand
{
    private static readonly double[] Percentiles = [50, 90, 99, 99.9];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("journal") { Description = "The journal folder, written by engine run with journal.latency on." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var percentiles = new Option<string?>("--percentiles") { Description = "Write each hop's percentile distribution into this folder (HdrHistogram's text format, µs; HOP.hgrm), for plotting." };
        var command = new Command("latency", "Per-hop and end-to-end latency (count, p50, p90, p99, p99.9, max) from the latency records an engine writes with journal.latency on.") { folder, json, percentiles };
        command.SetAction(parse =>
        {
            var reader = JournalReader.OpenWithSegments(parse.GetValue(folder)!);
            var breakdown = new LatencyBreakdown();
            int segmentIndex = 0;
            long records = 0;
            using (var progress = new Progress())
            {
                var options = new JournalReadOptions { SkipDamaged = true, OnSegment = _ => segmentIndex++ };
                foreach (var record in reader.Read(options))
                {
                    progress.Report(segmentIndex - 1, reader.Segments.Count, ++records);
                    breakdown.Add(record);
                }
            }

            if (breakdown.Records == 0)
            {
                Console.Error.WriteLine($"journal: {reader.Folder} has no latency records ({records:N0} records read); the engine writes them with 'latency: true' in its configuration's journal section");
                return 1;
            }

            if (parse.GetValue(percentiles) is { } directory)
            {
                WriteDistributions(breakdown, directory);
            }

            Console.Out.Write(parse.GetValue(json) ? ToJson(reader.Folder, breakdown) : ToText(reader.Folder, breakdown));
            return 0;
        });
        return command;
    }

    private static void WriteDistributions(LatencyBreakdown breakdown, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var hop in breakdown.Hops.Where(h => h.Count > 0))
        {
            using var file = new StreamWriter(Path.Combine(directory, hop.Name + ".hgrm"));
            hop.Histogram.OutputPercentileDistribution(file, outputValueUnitScalingRatio: 1000);
        }
    }

    private static string ToJson(string folder, LatencyBreakdown breakdown) => JsonSerializer.Serialize(new
    {
        journal = folder,
        latency_records = breakdown.Records,
        answers_without_cause = breakdown.AnswersWithoutCause,
        unit = "ns",
        hops = breakdown.Hops.Select(h => new
        {
            name = h.Name,
            description = h.Description,
            count = h.Count,
            p50 = h.At(50),
            p90 = h.At(90),
            p99 = h.At(99),
            p99_9 = h.At(99.9),
            max = h.Max,
            negative = h.Negative,
        }),
    }) + Environment.NewLine;

    private static string ToText(string folder, LatencyBreakdown breakdown)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"latency of {folder}: {breakdown.Records:N0} latency records; µs");
        text.AppendLine(inv, $"{"hop",-20} {"count",10} {"p50",10} {"p90",10} {"p99",10} {"p99.9",10} {"max",10}  what it spans");
        foreach (var hop in breakdown.Hops)
        {
            text.Append(inv, $"{hop.Name,-20} {hop.Count,10:N0}");
            foreach (double p in Percentiles)
            {
                text.Append(inv, $" {Micro(hop.At(p)),10}");
            }

            text.AppendLine(inv, $" {Micro(hop.Max),10}  {hop.Description}");
        }

        if (breakdown.AnswersWithoutCause > 0)
        {
            text.AppendLine(inv, $"{breakdown.AnswersWithoutCause:N0} answers had no latency record for the input that caused them (an earlier run, or stamping was off then)");
        }

        return text.ToString();
    }

    private static string Micro(long ns) => (ns / 1000.0).ToString(ns < 10_000 ? "F2" : ns < 1_000_000 ? "F1" : "N0", CultureInfo.InvariantCulture);
}
