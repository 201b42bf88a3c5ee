using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engine.Bench.Workloads;

/// <summary>Formats ring benchmark results as one JSON object (for scripts) or a table (for people).</summary>
public static class RingBenchmarkReport
{
    /// <summary>
    /// One JSON object. The top-level figures are 1P-1C (the headline comparison); every topology
    /// is listed under <c>topologies</c>.
    /// </summary>
    public static string ToJson(IReadOnlyList<TopologyResult> results, TimeSpan elapsed)
    {
        var headline = results.FirstOrDefault(r => r.Topology == Topology.Unicast) ?? results[0];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("benchmark", "ring");
            json.WriteString("topology", TopologyNames.Of(headline.Topology));
            json.WriteNumber("ring_ops_per_sec", Math.Round(headline.Ring.OpsPerSecond));
            json.WriteNumber("channel_ops_per_sec", Math.Round(headline.Channel.OpsPerSecond));
            if (headline.BlockingCollection is { } bc)
            {
                json.WriteNumber("blocking_collection_ops_per_sec", Math.Round(bc.OpsPerSecond));
            }

            json.WriteNumber("ratio", Math.Round(headline.Ratio, 2));
            json.WriteNumber("interface_ring_ops_per_sec", Math.Round(headline.InterfaceRing.OpsPerSecond));
            json.WriteNumber("specialisation_ratio", Math.Round(headline.SpecialisationRatio, 2));
            WriteBatch(json, "average_batch_size", headline.Ring.AverageBatchSize);
            WriteBatch(json, "interface_average_batch_size", headline.InterfaceRing.AverageBatchSize);
            if (headline.Batch is { } batch && headline.InterfaceBatch is { } interfaceBatch)
            {
                json.WriteStartObject("batch_10");
                json.WriteNumber("ring_ops_per_sec", Math.Round(batch.OpsPerSecond));
                json.WriteNumber("interface_ring_ops_per_sec", Math.Round(interfaceBatch.OpsPerSecond));
                json.WriteNumber("specialisation_ratio", Math.Round(headline.BatchSpecialisationRatio, 2));
                json.WriteNumber("channel_ratio", Math.Round(batch.OpsPerSecond / headline.Channel.OpsPerSecond, 2));
                WriteBatch(json, "average_batch_size", batch.AverageBatchSize);
                WriteBatch(json, "interface_average_batch_size", interfaceBatch.AverageBatchSize);
                json.WriteNumber("allocated_bytes_per_op", Math.Round(batch.AllocatedBytesPerOp, 4));
                json.WriteEndObject();
            }

            json.WriteNumber("allocated_bytes_per_op", Math.Round(headline.Ring.AllocatedBytesPerOp, 4));
            json.WriteNumber("channel_allocated_bytes_per_op", Math.Round(headline.Channel.AllocatedBytesPerOp, 4));
            json.WriteString("wait_strategy", headline.WaitStrategy);
            json.WriteString("wait_strategy_reason", headline.WaitStrategyReason);
            json.WriteNumber("cores", Environment.ProcessorCount);
            json.WriteString("cpu", MachineInfo.CpuModel);
            json.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            json.WriteNumber("elapsed_sec", Math.Round(elapsed.TotalSeconds, 1));
            json.WriteStartArray("topologies");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("topology", TopologyNames.Of(result.Topology));
                json.WriteString("wait_strategy", result.WaitStrategy);
                json.WriteNumber("ring_ops_per_sec", Math.Round(result.Ring.OpsPerSecond));
                json.WriteNumber("channel_ops_per_sec", Math.Round(result.Channel.OpsPerSecond));
                json.WriteNumber("ratio", Math.Round(result.Ratio, 2));
                json.WriteNumber("interface_ring_ops_per_sec", Math.Round(result.InterfaceRing.OpsPerSecond));
                json.WriteNumber("specialisation_ratio", Math.Round(result.SpecialisationRatio, 2));
                WriteBatch(json, "average_batch_size", result.Ring.AverageBatchSize);
                json.WriteNumber("ring_allocated_bytes_per_op", Math.Round(result.Ring.AllocatedBytesPerOp, 4));
                json.WriteNumber("channel_allocated_bytes_per_op", Math.Round(result.Channel.AllocatedBytesPerOp, 4));
                json.WriteNumber("events_per_run", result.Ring.EventsPerRun);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteBatch(Utf8JsonWriter json, string name, double value)
    {
        if (!double.IsNaN(value))
        {
            json.WriteNumber(name, Math.Round(value, 2));
        }
    }

    /// <summary>A table for a terminal.</summary>
    public static string ToText(IReadOnlyList<TopologyResult> results, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"ring benchmark: {Environment.ProcessorCount} cores, {MachineInfo.CpuModel}, {elapsed.TotalSeconds:F1} s");
        text.AppendLine(inv, $"{"topology",-16} {"wait",-10} {"ring M/s",10} {"interface M/s",14} {"spec.",6} {"batch",6} {"channel M/s",12} {"ratio",7} {"ring B/op",10} {"chan B/op",10}");
        foreach (var r in results)
        {
            text.AppendLine(inv, $"{TopologyNames.Of(r.Topology),-16} {r.WaitStrategy,-10} {r.Ring.OpsPerSecond / 1e6,10:F2} {r.InterfaceRing.OpsPerSecond / 1e6,14:F2} {r.SpecialisationRatio,5:F2}x {r.Ring.AverageBatchSize,6:F1} {r.Channel.OpsPerSecond / 1e6,12:F2} {r.Ratio,6:F1}x {r.Ring.AllocatedBytesPerOp,10:F3} {r.Channel.AllocatedBytesPerOp,10:F3}");
            if (r.Batch is { } batch && r.InterfaceBatch is { } interfaceBatch)
            {
                text.AppendLine(inv, $"{"  batches of 10",-16} {"",-10} {batch.OpsPerSecond / 1e6,10:F2} {interfaceBatch.OpsPerSecond / 1e6,14:F2} {r.BatchSpecialisationRatio,5:F2}x {batch.AverageBatchSize,6:F1} {"",12} {batch.OpsPerSecond / r.Channel.OpsPerSecond,6:F1}x {batch.AllocatedBytesPerOp,10:F3}");
            }

            if (r.BlockingCollection is { } bc)
            {
                text.AppendLine(inv, $"{"",-16} {"",-10} {"blocking-collection",-23} {bc.OpsPerSecond / 1e6,12:F2}");
            }
        }

        text.AppendLine("spec.: the ring with each consumer's loop compiled for its handler over the same ring calling it through the interface, same run; batch: events per batch the last consumer saw on average");

        text.AppendLine(inv, $"wait strategy: {results[0].WaitStrategyReason}");
        return text.ToString().TrimEnd();
    }
}
