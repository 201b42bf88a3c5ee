using Engine.Bench.Workloads;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Journal.Reading;

namespace Engine.Tests.Bench;

/// <summary>The channels baseline runs the very stages the ring does: over the same journal it makes the same intents and orders, so the benchmark compares only the hand-off.</summary>
public sealed class ChannelPipelineBaselineTests
{
    [Fact]
    public void OverTheSameJournalTheChannelsAndTheRingMakeTheSameDecisions()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string folder = Path.Combine(Path.GetTempPath(), $"channels-baseline-{Guid.NewGuid():N}");
        try
        {
            // A slow rate spreads the ticks over market hours, so bars close and the strategies decide.
            var run = PipelineBenchmark.Generate(config, folder, 200_000, 500, false, _ => { });
            var ring = PipelineBenchmark.Replay(run, registry, TradingPipelineOptions.SingleProducerFused("test"), JournalReader.Open(folder), 0, long.MaxValue, null);
            var channels = ChannelPipelineBaseline.Run(run, registry, JournalReader.Open(folder), 4096, 0, long.MaxValue, null);
            Assert.True(ring.Intents > 0, "no intents: the comparison would be empty");
            Assert.Equal((ring.Ticks, ring.Intents, ring.Orders), (channels.Ticks, channels.Intents, channels.Orders));
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
