using System.Text.Json;
using Engine.Bench.Workloads;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Host.Replay;

namespace Engine.Tests.Replay;

/// <summary>
/// A replay's rate is the rate of replaying: the fixed time to build and start the pipeline is
/// reported beside it, not spread over the inputs (on a short journal it was most of the time, so
/// the rate shown was a fraction of the real one).
/// </summary>
public sealed class ReplayRateTests
{
    [Fact]
    public void TheRateLeavesOutThePipelinesSetUpWhichIsReportedApart()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        string configFile = Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml");
        var config = EngineConfigLoader.Load(configFile, registry);
        string folder = Path.Combine(Path.GetTempPath(), $"replay-rate-{Guid.NewGuid():N}");
        try
        {
            PipelineBenchmark.Generate(config, folder, 20_000, 500, false, _ => { });

            var json = new StringWriter();
            Assert.Equal(0, ReplayRun.Run(new ReplayRunOptions { Journal = folder, ConfigFile = configFile, Json = true, Output = json, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None));
            using var summary = JsonDocument.Parse(json.ToString());
            var root = summary.RootElement;
            double seconds = root.GetProperty("seconds").GetDouble();
            double setup = root.GetProperty("setup_seconds").GetDouble();
            long inputs = root.GetProperty("inputs").GetInt64();
            double rate = root.GetProperty("inputs_per_second").GetDouble();
            Assert.True(setup > 0 && setup < seconds, $"set-up {setup} s of {seconds} s");
            Assert.InRange(inputs, 20_000, 20_001);
            Assert.Equal(inputs / (seconds - setup), rate, 6);

            var text = new StringWriter();
            Assert.Equal(0, ReplayRun.Run(new ReplayRunOptions { Journal = folder, ConfigFile = configFile, Output = text, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None));
            Assert.Matches(@"20,00[01] inputs in [0-9.]+ s \([0-9,]+ inputs/s over the [0-9.]+ s of replaying, after [0-9.]+ s building the pipeline\)", text.ToString());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
