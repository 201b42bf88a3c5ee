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
/// in the socket instead. Before each busy run the machine's own floor is measured at the busy
/// rate, as <c>bench pipeline</c> does, so a p99 reads against what the cores allowed at the time.
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
                var quietResult = Measure(quietRun, registry, kind, quiet);
                progress($"wait: {name}: the machine's own floor at {options.BusyRate:N0} ticks/s ({BusyThreads} threads spinning on the clock for {options.BusyDuration.TotalSeconds:F0} s)...");
                var floor = HiccupFloor.Measure(BusyThreads, options.BusyRate, options.BusyDuration);
                progress($"wait: {name}: a busy market, {options.BusyRate:N0} ticks/s for {options.BusyDuration.TotalSeconds:F0} s...");
                var busyResult = Measure(busyRun, registry, kind, busy);
                results.Add(new WaitStrategyMeasurement
                {
                    WaitStrategy = name,
                    QuietCpuPercent = quietResult.CpuPercent,
                    QuietP99Ns = quietResult.P99Ns,
                    BusyCpuPercent = busyResult.CpuPercent,
                    BusyP50Ns = busyResult.P50Ns,
                    BusyP99Ns = busyResult.P99Ns,
                    BusyCorrectedP99Ns = busyResult.CorrectedP99Ns,
                    BusyFloorP99Ns = floor.P99Ns,
                    BusyFloorResolutionNs = floor.ResolutionNs,
                    BusyOtherTasksCpuFraction = busyResult.OtherTasksFraction,
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

    /// <summary>
    /// The strategy a small machine should wait with: of those whose quiet cost is under
    /// <paramref name="quietCpuBudgetPercent"/>, the ones whose busy tail is within
    /// <paramref name="tailTolerance"/> of the best such tail, and of those the lowest busy p50. The
    /// tail is the p99 from each tick's due time, as measured and over the machine's own floor
    /// measured just before (a floor below its resolution counts as the resolution; over the floor
    /// only where every run measured one), and a tail is out of tolerance only when it is so by
    /// both: the host's stalls come and go between runs, and the floor of the moment takes them
    /// out, but a floor that spiked during one run would otherwise make that run's higher tail
    /// look the better. A p99 alone picks at random where the machine sets
    /// the tail, and would take a wait whose every hand-off is a wake-up; a median of microseconds
    /// is a cost every tick pays.
    /// </summary>
    public static WaitStrategyMeasurement? Recommended(IReadOnlyList<WaitStrategyMeasurement> measured, double quietCpuBudgetPercent = 5, double tailTolerance = 2)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var affordable = measured.Where(m => m.QuietCpuPercent < quietCpuBudgetPercent).ToList();
        if (affordable.Count == 0)
        {
            return null;
        }

        // Over the floor only where every run measured one. A tail is ruled out only when it is
        // worse than the best both as measured and over its floor: a floor that spiked in one
        // run must not make that run's higher tail look better than one lower outright.
        bool overFloor = affordable.All(m => m.BusyFloorResolutionNs > 0);
        double bestMeasured = affordable.Min(m => m.BusyCorrectedP99Ns);
        double bestOverFloor = affordable.Min(m => m.BusyCorrectedP99OverFloor);
        bool TailWithinTolerance(WaitStrategyMeasurement m) =>
            m.BusyCorrectedP99Ns <= tailTolerance * bestMeasured
            || (overFloor && m.BusyCorrectedP99OverFloor <= tailTolerance * bestOverFloor);
        return affordable.Where(TailWithinTolerance).OrderBy(m => m.BusyP50Ns).First();
    }

    // The replay's producer and the logic thread.
    private const int BusyThreads = 2;

    private static (double CpuPercent, double P50Ns, double P99Ns, double CorrectedP99Ns, double OtherTasksFraction) Measure(Engine.Host.Running.RunDefinition run, StrategyRegistry registry, WaitStrategyKind kind, JournalReader reader)
    {
        var probe = new LatencyProbe(1);
        var result = PipelineBenchmark.Replay(run, registry, Options(kind), reader, 1, long.MaxValue, probe);
        return (100 * result.LogicBusy, LatencyProbe.At(probe.Raw, 50), LatencyProbe.At(probe.Raw, 99), LatencyProbe.At(probe.Corrected, 99), result.Machine?.OtherTasksCpuFraction ?? -1);
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
