using Engine.Bench.Workloads;

namespace Engine.Tests.Bench;

/// <summary><c>bench strategy</c> measures the instance asked for, over the ticks asked for, the warm-up left out, and refuses a name the configuration does not have.</summary>
public sealed class StrategyBenchmarkTests
{
    private static string Config => Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml");

    [Fact]
    public void OneInstanceIsMeasuredAloneAndInThePipeline()
    {
        var results = new StrategyBenchmark(Config, "rsi-banks", 20_000, 20_000, TimeSpan.FromSeconds(0.5), _ => { }).Run();
        var result = Assert.Single(results);
        Assert.Equal("rsi-banks", result.Instance);
        Assert.StartsWith("rsi-mean-reversion", result.Strategy, StringComparison.Ordinal);
        Assert.Equal(18_000, result.Ticks);   // the first tenth warms up unmeasured
        Assert.True(result.AloneP50Ns > 0 && result.AloneP99Ns >= result.AloneP50Ns);
        Assert.True(result.PipelineP50Ns > 0);
    }

    [Fact]
    public void AnUnknownStrategyIsRefusedNamingTheInstances()
    {
        var error = Assert.Throws<FormatException>(() => new StrategyBenchmark(Config, "nope", 20_000, 20_000, TimeSpan.FromSeconds(0.5), _ => { }).Run());
        Assert.Contains("trend-large-caps", error.Message, StringComparison.Ordinal);
    }
}
