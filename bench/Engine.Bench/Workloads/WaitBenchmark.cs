using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Journal.Reading;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// <c>bench wait</c>: each wait strategy in the engine's own pipeline (fused, the configuration's
/// strategies and risk rules) over two paced journal replays: a quiet market, where it reports what
/// the logic thread costs (CPU time per wall second, read from the kernel's account of that
/// thread), and a busy one, where it reports tick-to-decision latency. The producer is the paced
/// replay, which spins before each due tick; its CPU is not counted, as a live ticker thread sleeps
/// in the socket instead.
/// </summary>
public sealed class WaitBenchmark(WaitBenchmarkOptions options, Action<string> progress)
{
    /// <summary>Runs every strategy; returns their measurements in the order run.</summary>
    public IReadOnlyList<WaitStrategyMeasurement> Run()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(options.ConfigFile, registry);
        string root = Path.Combine(Path.GetTempPath(), $"engine-bench-wait-{Environment.ProcessId}");
        string quietFolder = Path.Combine(root, "quiet");
        string busyFolder = Path.Combine(root, "busy");
        try
        {
            long quietTicks = (long)(options.QuietRate * options.QuietDuration.TotalSeconds);
            long busyTicks = (long)(options.BusyRate * options.BusyDuration.TotalSeconds);
            var quietRun = PipelineBenchmark.Generate(config, quietFolder, quietTicks, options.QuietRate, false, progress);
            var busyRun = PipelineBenchmark.Generate(config, busyFolder, busyTicks, options.BusyRate, false, progress);
            var quiet = JournalReader.Open(quietFolder);
            var busy = JournalReader.Open(busyFolder);

            // Warm-up: the whole path compiled and tiered up before anything is measured.
            PipelineBenchmark.Replay(busyRun, registry, Options(WaitStrategyKind.Yielding), busy, 0, long.MaxValue, null);

            var results = new List<WaitStrategyMeasurement>();
            foreach (var kind in options.Kinds ?? Enum.GetValues<WaitStrategyKind>())
            {
                string name = WaitStrategies.NameOf(kind);
                progress($"wait: {name}: a quiet market, {options.QuietRate:N0} ticks/s for {options.QuietDuration.TotalSeconds:F0} s...");
                var (quietCpu, _, quietP99) = Measure(quietRun, registry, kind, quiet);
                progress($"wait: {name}: a busy market, {options.BusyRate:N0} ticks/s for {options.BusyDuration.TotalSeconds:F0} s...");
                var (busyCpu, busyP50, busyP99) = Measure(busyRun, registry, kind, busy);
                results.Add(new WaitStrategyMeasurement
                {
                    WaitStrategy = name,
                    QuietCpuPercent = quietCpu,
                    QuietP99Ns = quietP99,
                    BusyCpuPercent = busyCpu,
                    BusyP50Ns = busyP50,
                    BusyP99Ns = busyP99,
                });
            }

            return results;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>The strategy a small machine should wait with: the lowest busy p99 among those whose quiet cost is under <paramref name="quietCpuBudgetPercent"/>.</summary>
    public static WaitStrategyMeasurement? Recommended(IReadOnlyList<WaitStrategyMeasurement> measured, double quietCpuBudgetPercent = 5) =>
        measured.Where(m => m.QuietCpuPercent < quietCpuBudgetPercent).OrderBy(m => m.BusyP99Ns).FirstOrDefault();

    private static (double CpuPercent, double P50Ns, double P99Ns) Measure(Engine.Host.Running.RunDefinition run, StrategyRegistry registry, WaitStrategyKind kind, JournalReader reader)
    {
        var probe = new LatencyProbe(1);
        var result = PipelineBenchmark.Replay(run, registry, Options(kind), reader, 1, long.MaxValue, probe);
        return (100 * result.LogicBusy, LatencyProbe.At(probe.Raw, 50), LatencyProbe.At(probe.Raw, 99));
    }

    // As the engine builds it: the parking kinds with the same 100 ms timeout engine run gives them.
    private static TradingPipelineOptions Options(WaitStrategyKind kind) => new()
    {
        RingSize = TradingPipelineOptions.DefaultRingSize,
        ProducerType = ProducerType.Single,
        WaitStrategy = WaitStrategies.Create(kind, TimeSpan.FromMilliseconds(100)),
        WaitStrategyReason = $"{WaitStrategies.NameOf(kind)}: measured by bench wait",
        Placement = PipelinePlacement.Fused,
    };
}
