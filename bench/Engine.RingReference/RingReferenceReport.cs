using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Bench.Workloads;

namespace Engine.RingReference;

/// <summary>Formats the comparison as one JSON object (for scripts) or a few lines (for people).</summary>
public static class RingReferenceReport
{
    /// <summary>One JSON object: the headline ratios, then each side's figures.</summary>
    public static string ToJson(RingReferenceResult result, TimeSpan elapsed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("benchmark", "ring-reference");
            json.WriteString("topology", "1P-1C");
            json.WriteString("reference", "Disruptor-net ValueDisruptor<T>");
            json.WriteString("reference_version", result.ReferenceVersion);
            json.WriteString("wait_strategy", result.WaitStrategy);
            json.WriteNumber("ring_size", DisruptorNetWorkload.RingSize);
            json.WriteNumber("unicast_ratio", Math.Round(result.UnicastRatio, 3));
            json.WriteNumber("batch_10_ratio", Math.Round(result.BatchRatio, 3));
            WriteSide(json, "unicast", result, result.Ours, result.Reference, result.UnicastRoundRatios);
            WriteSide(json, "batch_10", result, result.OursBatch, result.ReferenceBatch, result.BatchRoundRatios);
            json.WriteNumber("cores", Environment.ProcessorCount);
            json.WriteString("cpu", MachineInfo.CpuModel);
            json.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            json.WriteNumber("elapsed_sec", Math.Round(elapsed.TotalSeconds, 1));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSide(Utf8JsonWriter json, string name, RingReferenceResult result, WorkloadMeasurement ours, WorkloadMeasurement reference, IReadOnlyList<double> roundRatios)
    {
        json.WriteStartObject(name);
        json.WriteNumber("ring_ops_per_sec", Math.Round(ours.OpsPerSecond));
        json.WriteNumber("reference_ops_per_sec", Math.Round(reference.OpsPerSecond));
        json.WriteNumber("ratio", Math.Round(ours.OpsPerSecond / reference.OpsPerSecond, 3));
        WriteArray(json, "round_ratios", roundRatios, 3);
        WriteArray(json, "ring_round_ops_per_sec", result.RoundMedians(ours), 0);
        WriteArray(json, "reference_round_ops_per_sec", result.RoundMedians(reference), 0);
        WriteNumber(json, "ring_average_batch_size", ours.AverageBatchSize, 2);
        WriteNumber(json, "reference_average_batch_size", reference.AverageBatchSize, 2);
        json.WriteNumber("ring_allocated_bytes_per_op", Math.Round(ours.AllocatedBytesPerOp, 4));
        json.WriteNumber("reference_allocated_bytes_per_op", Math.Round(reference.AllocatedBytesPerOp, 4));
        json.WriteNumber("events_per_run", ours.EventsPerRun);
        json.WriteNumber("reference_events_per_run", reference.EventsPerRun);
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<double> values, int digits)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
        {
            json.WriteNumberValue(Math.Round(value, digits));
        }

        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value, int digits)
    {
        if (!double.IsNaN(value))
        {
            json.WriteNumber(name, Math.Round(value, digits));
        }
    }

    /// <summary>A few lines for a terminal.</summary>
    public static string ToText(RingReferenceResult result, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"ring against Disruptor-net {result.ReferenceVersion}: 1P-1C, {DisruptorNetWorkload.RingSize:N0} struct slots, {result.WaitStrategy} wait, {Environment.ProcessorCount} cores, {MachineInfo.CpuModel}, {elapsed.TotalSeconds:F1} s");
        text.AppendLine(inv, $"{"",-14} {"ring M/s",10} {"reference M/s",14} {"ratio",7} {"by round",-32} {"batch",6} {"ref. batch",10}");
        Line(text, "one at a time", result.Ours, result.Reference, result.UnicastRoundRatios);
        Line(text, "batches of 10", result.OursBatch, result.ReferenceBatch, result.BatchRoundRatios);
        text.Append("ratio: our median over the reference's (above 1: ours is faster); batch: events per batch each consumer saw on average");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, WorkloadMeasurement ours, WorkloadMeasurement reference, IReadOnlyList<double> rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        string byRound = string.Join(" ", rounds.Select(r => r.ToString("F2", inv)));
        text.AppendLine(inv, $"{label,-14} {ours.OpsPerSecond / 1e6,10:F1} {reference.OpsPerSecond / 1e6,14:F1} {ours.OpsPerSecond / reference.OpsPerSecond,6:F2}x {byRound,-32} {ours.AverageBatchSize,6:F1} {reference.AverageBatchSize,10:F1}");
    }
}
