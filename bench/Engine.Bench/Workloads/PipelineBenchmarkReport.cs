using System.Globalization;
using System.Text;

namespace Engine.Bench.Workloads;

/// <summary>
/// <c>bench pipeline</c>'s result as a quant reads it: throughput against the same-run baselines,
/// latency percentiles beside the machine's own floor, where the time went and what was allocated,
/// one block each. <c>--json</c> carries the same figures for machines.
/// </summary>
public static class PipelineBenchmarkReport
{
    /// <summary>The report, lines ending in <c>\n</c>.</summary>
    public static string Format(PipelineBenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"pipeline over {result.Ticks:N0} ticks ({result.Instruments} instruments, {result.Strategies} strategies; {result.Intents:N0} intents, {result.Orders:N0} orders), {result.Cores} cores, {result.Cpu}");
        Line($"  placement  {result.Placement}");
        Line($"  wait       {result.WaitStrategy}");
        Line($"");
        Line($"{"throughput at full speed (best of the rounds)",-46} {"ticks/s",8}   ratio");
        Line($"{"  ring, every risk rule",-46} {Rate(result.TicksPerSecond),8}");
        Line($"{"  channels, the same stages",-46} {Rate(result.ChannelsTicksPerSecond),8}   ring over channels {result.ChannelsThroughputRatio:F2}x");
        Line($"{"  ring, the first risk rules only",-46} {Rate(result.TicksPerSecondFirstRulesOnly),8}   every rule over these {result.RiskRulesThroughputRatio:F2}x");
        Line($"{"  ring, every stage stamped",-46} {Rate(result.TicksPerSecondStamped),8}   stamped over not {result.StampingThroughputRatio:F2}x");
        if (result.OneCoreTicksPerSecond > 0)
        {
            Line($"{"  ring, both threads on one core",-46} {Rate(result.OneCoreTicksPerSecond),8}   two cores over one {result.TwoCoreSpeedup:F2}x ({result.OneCoreRingSize:N0} slots on one core)");
        }
        else
        {
            Line($"{"  ring, both threads on one core",-46} not measured (one core allowed, or pinning refused)");
        }

        Line($"");
        string below = string.Create(CultureInfo.InvariantCulture, $"<{result.FloorResolutionNs:N0} ns");
        Line($"{$"tick to decision at {result.PacedRate:N0} ticks/s",-35} {"p50",-10} {"p90",-10} {"p99",-10} {"p99.9",-10} max");
        Line($"{"  from the due time (corrected)",-35} {Ns(result.CorrectedP50Ns)} {Ns(result.CorrectedP90Ns)} {Ns(result.CorrectedP99Ns)} {Ns(result.CorrectedP999Ns)} {Ns(result.CorrectedMaxNs).TrimEnd()}");
        Line($"{"  from the publish (raw)",-35} {Ns(result.P50Ns)} {Ns(result.P90Ns)} {Ns(result.P99Ns)} {Ns(result.P999Ns)} {Ns(result.MaxNs).TrimEnd()}");
        if (result.OneCorePacedCorrectedP50Ns > 0)
        {
            Line($"{"  one core, from the due time",-35} {Ns(result.OneCorePacedCorrectedP50Ns)} {"",-10} {Ns(result.OneCorePacedCorrectedP99Ns)} {Ns(result.OneCorePacedCorrectedP999Ns)} {Ns(result.OneCorePacedCorrectedMaxNs).TrimEnd()}");
        }
        Line($"{"  channels, from the publish",-35} {Ns(result.ChannelsP50Ns)} {"",-10} {Ns(result.ChannelsP99Ns).TrimEnd()}");
        if (result.Floor is not null)
        {
            Line($"{"  the machine's own floor",-35} {(result.FloorP50Ns > 0 ? Ns(result.FloorP50Ns) : below.PadRight(10))} {"",-10} {Ns(result.FloorP99Ns)} {Ns(result.FloorP999Ns)} {Ns(result.FloorMaxNs).TrimEnd()}");
        }

        Line($"  channels over ring: p50 {result.ChannelsP50Ratio:F2}x, p99 {result.ChannelsP99Ratio:F2}x; corrected p99 over the floor {result.CorrectedP99OverFloor:F2}x ({result.FloorThreads} threads spinning on the clock, some core stalled {result.FloorStalledFraction:P2} of the time)");
        if (result.PacedOtherTasksCpuFraction >= 0)
        {
            string tasks = result.PacedOtherTasksMs.Count == 0 ? "none ran" : string.Join(", ", result.PacedOtherTasksMs.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} ms")));
            Line($"  meanwhile other tasks on the machine ran {result.PacedOtherTasksCpuFraction:P2} of a core ({tasks}), interrupts {result.PacedInterruptFraction:P2}, reported steal {result.PacedStealFraction:P2}; preemptions of the engine's threads: {Pairs(result.PacedPreemptionsByThread)}, their waits for a core: {string.Join(", ", result.PacedRunDelayMsByThread.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F2} ms")))}");
            if (result.FloorOtherTasksCpuFraction >= 0)
            {
                Line($"  while the floor spun, some core stalled {result.FloorStalledFraction:P2} of the time: other tasks ran {result.FloorOtherTasksCpuFraction:P2} of a core, interrupts {result.FloorInterruptFraction:P2}, reported steal {result.FloorStealFraction:P2}; stalls beyond their sum the guest cannot see");
            }
        }

        Line($"  the worst tick: number {result.CorrectedMaxTick:N0}, due {result.CorrectedMaxDueNs / 1e6:F1} ms into the paced run ({result.LatencySamples:N0} samples, after {result.PacedStartSeconds:F2} s opening the journal)");
        Line($"");
        Line($"threads at full speed (a waiting thread's spins count as busy)");
        Line($"  producer {result.ProducerBusyFraction:P0} busy, logic {result.LogicBusyFraction:P0}, the process's other threads {result.OtherThreadsBusyFraction:P0} of a core");
        Line($"  the producer waited for a free slot {result.ProducerFullRingFraction:P1} of the run");
        Line($"  bottleneck: {result.Bottleneck}");
        Line($"  page faults: {Pairs(result.PageFaultsByThread)} at full speed; {Pairs(result.PacedPageFaultsByThread)} paced");
        Line($"  garbage collections: {Pairs(result.Collections)} at full speed; {Pairs(result.PacedCollections)} paced");
        Line($"");
        Line($"allocation");
        string segments = result.SteadyStateSegmentsOpened > 0
            ? string.Create(CultureInfo.InvariantCulture, $", while {result.SteadyStateSegmentsOpened} journal segments were opened: about {result.SteadyStateBytes / result.SteadyStateSegmentsOpened:N0} B each")
            : "";
        Line($"  steady state {result.SteadyStateBytesPerTick:F3} B/tick ({result.SteadyStateBytes:N0} B over the run's second half{segments})");
        Line($"  start-up {result.StartupBytes:N0} B; by engine thread: {Pairs(result.SteadyStateBytesByThread, " B")}");
        Line($"  ring of {result.RingSize:N0} slots of {result.SlotBytes:N0} B{(result.SlotLineAligned ? ", each on a cache line" : "")}; journal {result.JournalBytes / 1e6:F0} MB{(result.JournalSealed ? " sealed" : "")}, generated in {result.GenerateSeconds:F1} s; {result.TotalSeconds:F1} s in all");
        return text.ToString();
    }

    private static string Rate(double ticksPerSecond) => string.Create(CultureInfo.InvariantCulture, $"{ticksPerSecond / 1e6:F2} M");

    // Nanoseconds in the unit a reader takes in at a glance, padded to one column.
    private static string Ns(double ns)
    {
        string value = ns switch
        {
            < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{ns:N0} ns"),
            < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F1} µs"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F2} ms"),
        };
        return value.PadRight(10);
    }

    private static string Pairs(IReadOnlyDictionary<string, long> byThread, string unit = "") =>
        byThread.Count == 0 ? "none measured" : string.Join(", ", byThread.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:N0}{unit}")));
}
