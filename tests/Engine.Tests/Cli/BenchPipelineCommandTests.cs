using System.Text.Json;

namespace Engine.Tests.Cli;

/// <summary>
/// <c>engine bench pipeline --json</c> as a quant runs it, in a process of its own (the steady-state
/// count is the whole process's, which a test process shares with its runner's threads): it
/// reports what the issue asks of it, and a warm replay within one segment allocates nothing from
/// the mid-run mark until its pipeline has drained. Only behaviour is checked; the figures
/// themselves belong to the benchmark.
/// </summary>
public sealed class BenchPipelineCommandTests
{
    [Fact]
    public void ASmallRunReportsZeroSteadyStateBytesAndNamesItsBottleneck()
    {
        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromMinutes(4), "bench", "pipeline", "--json", "--ticks", "200000", "--paced-rate", "1000", "--paced-seconds", "0.5");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var result = EngineProcess.Summary(stdout, stderr);
        // Recorded at 1,000 ticks/s, the journal spans minutes of market time: bars close and the
        // strategies trade, so the steady state takes in the order path.
        Assert.Equal(200_000, result.GetProperty("ticks").GetInt64());
        Assert.True(result.GetProperty("intents").GetInt64() > 0, "no intents: the steady state would leave out the order path");
        Assert.True(result.GetProperty("orders").GetInt64() > 0, "no orders routed");

        // The benchmark's own bookkeeping after the drain (each thread's end sample, the result)
        // allocated 896 bytes, which this figure counted.
        Assert.Equal(0, result.GetProperty("steady_state_segments_opened").GetInt32());
        Assert.Equal(0, result.GetProperty("steady_state_bytes").GetInt64());
        Assert.Equal(0, result.GetProperty("steady_state_bytes_per_tick").GetDouble());
        Assert.Equal(0, result.GetProperty("steady_state_bytes_by_thread").GetProperty("logic").GetInt64());
        Assert.True(result.GetProperty("startup_bytes").GetInt64() > 0, "the start-up cost is reported apart");

        // Nothing allocated per tick, so no collection lands in either measured run.
        foreach (string window in new[] { "gc_collections", "paced_gc_collections" })
        {
            var collections = result.GetProperty(window);
            Assert.Equal(["gen0", "gen1", "gen2"], collections.EnumerateObject().Select(p => p.Name));
            Assert.All(collections.EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
        }

        foreach (string figure in new[] { "ticks_per_sec", "channels_throughput_ratio", "corrected_p50_ns", "corrected_p99_ns", "p50_ns", "p99_ns", "producer_busy_fraction", "logic_busy_fraction" })
        {
            Assert.True(result.GetProperty(figure).GetDouble() > 0, $"{figure} is {result.GetProperty(figure)}");
        }

        Assert.True(result.GetProperty("corrected_p99_ns").GetDouble() >= result.GetProperty("corrected_p50_ns").GetDouble());

        // What else ran on the machine in the paced run, and how often the engine's threads waited behind it.
        // The paced run again on one core, the other cores left to the machine, where it has more than one.
        if (Engine.Ring.CpuAffinity.IsSupported && Engine.Ring.CpuAffinity.AllowedCores.Count > 1)
        {
            double p50 = result.GetProperty("one_core_paced_corrected_p50_ns").GetDouble();
            Assert.True(p50 > 0, $"one-core paced p50 {p50}");
            Assert.True(result.GetProperty("one_core_paced_corrected_p99_ns").GetDouble() >= p50);
            Assert.True(result.GetProperty("one_core_paced_corrected_max_ns").GetDouble() >= result.GetProperty("one_core_paced_corrected_p999_ns").GetDouble());
        }

        // Each in cores' worth, so at most every core (give or take a scheduler tick: a task on a
        // CPU as it is read reports its run time as of its last tick).
        foreach (string share in new[] { "paced_other_tasks_cpu_fraction", "paced_interrupt_fraction", "paced_steal_fraction", "hiccup_floor_other_tasks_cpu_fraction", "hiccup_floor_interrupt_fraction", "hiccup_floor_steal_fraction" })
        {
            Assert.InRange(result.GetProperty(share).GetDouble(), 0, Environment.ProcessorCount * 1.1);
        }

        Assert.All(result.GetProperty("paced_other_tasks_ms").EnumerateObject(), p => Assert.True(p.Value.GetDouble() > 0, $"{p.Name} {p.Value}"));
        var preempted = result.GetProperty("paced_preemptions_by_thread");
        Assert.Equal(["producer", "logic"], preempted.EnumerateObject().Select(p => p.Name));
        Assert.All(preempted.EnumerateObject(), p => Assert.True(p.Value.GetInt64() >= 0, $"{p.Name} {p.Value}"));
        var waited = result.GetProperty("paced_run_delay_ms_by_thread");
        Assert.Equal(["producer", "logic"], waited.EnumerateObject().Select(p => p.Name));
        Assert.All(waited.EnumerateObject(), p => Assert.True(p.Value.GetDouble() >= 0, $"{p.Name} {p.Value}"));
        Assert.Equal(JsonValueKind.String, result.GetProperty("bottleneck").ValueKind);
        Assert.Matches("^(producer|logic|hand-off)", result.GetProperty("bottleneck").GetString()!);
        Assert.Contains("pipeline:", stderr);
    }
}
