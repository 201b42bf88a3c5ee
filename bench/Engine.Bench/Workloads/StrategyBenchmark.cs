using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Host.Running;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// <c>bench strategy</c>: what a strategy costs before it trades. Each chosen instance (built-in,
/// or from a custom assembly the configuration loads, as in production) runs over a generated
/// journal of ticks for its universe: first alone, its host the ring's only consumer, each tick's
/// call timed; then inside the whole pipeline (decode, signals, risk, router), paced, for its
/// tick-to-decision latency, of which the first figure is the strategy's share.
/// </summary>
public sealed class StrategyBenchmark(string configFile, string? instance, long ticks, double pacedRate, TimeSpan pacedDuration, Action<string> progress)
{
    /// <summary>Runs each chosen instance.</summary>
    public IReadOnlyList<StrategyBenchmarkResult> Run()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(configFile, registry);
        var chosen = instance is null ? config.Strategies
            : config.Strategies.Where(s => s.Name == instance || s.Strategy == instance).ToArray() is { Length: > 0 } found ? found
            : throw new FormatException($"--strategy: no instance or strategy named '{instance}' in {config.SourceFile} (it has {string.Join(", ", config.Strategies.Select(s => $"{s.Name} ({s.Strategy})"))})");
        var results = new List<StrategyBenchmarkResult>();
        foreach (var spec in chosen)
        {
            var alone = config with { Strategies = [spec], ExtraInstruments = [] };
            string folder = Path.Combine(Path.GetTempPath(), $"engine-bench-strategy-{Environment.ProcessId}-{results.Count}");
            try
            {
                // Alone, the ticks span five market hours, so bars close and the strategy decides.
                double sessionRate = ticks * alone.Simulator.Speed / (5 * 3600.0);
                var session = PipelineBenchmark.Generate(alone, Path.Combine(folder, "session"), ticks, sessionRate, false, progress);
                progress($"strategy: {spec.Name} ({spec.Strategy}) alone over {ticks:N0} ticks of {spec.Universe.Count} instruments (five market hours)...");
                var timer = Alone(session, registry, JournalReader.Open(Path.Combine(folder, "session")), ticks);
                long pacedTicks = (long)(pacedRate * pacedDuration.TotalSeconds);
                var run = PipelineBenchmark.Generate(alone, Path.Combine(folder, "paced"), pacedTicks, pacedRate, false, progress);
                progress($"strategy: {spec.Name} in the pipeline at {pacedRate:N0} ticks/s for {pacedDuration.TotalSeconds:F0} s...");
                var probe = new LatencyProbe(1);
                PipelineBenchmark.Replay(run, registry, TradingPipelineOptions.SingleProducerFused("bench strategy"), JournalReader.Open(Path.Combine(folder, "paced")), 1, pacedTicks, probe);
                var descriptor = registry.Available.Where(d => d.Name == spec.Strategy).OrderByDescending(d => d.Version, StringComparer.Ordinal).First();
                long measured = timer.PerTick.TotalCount;
                results.Add(new StrategyBenchmarkResult
                {
                    Instance = spec.Name,
                    Strategy = $"{descriptor.Name} {descriptor.Version} ({descriptor.Source})",
                    Ticks = measured,
                    Intents = timer.Intents,
                    AloneP50Ns = LatencyProbe.At(timer.PerTick, 50),
                    AloneP99Ns = LatencyProbe.At(timer.PerTick, 99),
                    AloneBytesPerTick = (double)timer.AllocatedAfterWarmUp / Math.Max(1, measured),
                    PipelineP50Ns = LatencyProbe.At(probe.Raw, 50),
                    PipelineP99Ns = LatencyProbe.At(probe.Raw, 99),
                    PipelineCorrectedP99Ns = LatencyProbe.At(probe.Corrected, 99),
                });
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        return results;
    }

    // The strategy host as the ring's one consumer: the journal read and decoded by the producer, the strategy alone on its thread.
    private static StrategyTimer Alone(RunDefinition run, StrategyRegistry registry, JournalReader reader, long ticks)
    {
        var byToken = run.Instruments.ToDictionary(i => i.InstrumentToken);
        var spec = run.Strategies[0];
        var host = new StrategyHost([new StrategyInstance(spec.Name, registry.Create(spec.Strategy, spec.Version, spec.Parameters, spec.Name), spec.Universe.Select(t => byToken[t]).ToArray())], run.Calendar.Hours);
        host.Start();
        var timer = new StrategyTimer(host, run.Clock, Math.Max(1, ticks / 10));
        var ring = new RingBuffer<RingEvent>(TradingPipelineOptions.DefaultRingSize, new YieldingWaitStrategy());
        using var pipeline = new RingPipeline<RingEvent>(ring, new RingPipelineOptions { ThreadNamePrefix = "bench-" });
        pipeline.HandleEventsWith(timer);
        pipeline.Start();
        new JournalReplaySource(reader, new InputPublisher(ring), TickDecoder.TryDecode, OrderUpdateParser.TryParse).Run(new ReplayOptions { UntilSequence = ticks, KeepRawBytes = false });
        pipeline.Shutdown(TimeSpan.FromMinutes(2));
        host.Stop();
        return timer;
    }
}
