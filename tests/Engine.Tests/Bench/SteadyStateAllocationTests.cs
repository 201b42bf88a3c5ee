using Engine.Bench.Workloads;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Journal.Reading;

namespace Engine.Tests.Bench;

/// <summary>
/// <c>bench pipeline</c>'s <c>steady_state_bytes_per_tick</c> counts what the pipeline allocates
/// from the mid-run mark until it has drained, and nothing the benchmark itself does afterwards to
/// collect each thread's figures. The count is process-wide, so this class runs alone.
/// </summary>
[Collection(ProcessWideAllocationCollection.Name)]
public sealed class SteadyStateAllocationTests
{
    [Fact]
    public void AWarmReplayAllocatesNothingFromTheMarkToTheDrainedPipeline()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string folder = Path.Combine(Path.GetTempPath(), $"steady-state-{Guid.NewGuid():N}");
        try
        {
            var run = PipelineBenchmark.Generate(config, folder, 200_000, 500, false, _ => { });
            var options = TradingPipelineOptions.SingleProducerFused("test");
            var reader = JournalReader.Open(folder);

            // As the benchmark does: a warm-up replay first, so the JIT and first-use costs are behind.
            PipelineBenchmark.Replay(run, registry, options, reader, 0, long.MaxValue, null);
            var mark = new AllocationMark(100_000);
            var marked = PipelineBenchmark.Replay(run, registry, options, reader, 0, long.MaxValue, mark);

            Assert.True(mark.AllocatedAtMark >= 0, "the mark was never passed");
            Assert.True(marked.Intents > 0, "no intents: the steady state would not include the order path");
            Assert.Equal(100_000, marked.SteadyTicks);
            Assert.Equal(0, marked.SteadyBytes);
            Assert.Equal(0, marked.ThreadBytes["logic"]);
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
