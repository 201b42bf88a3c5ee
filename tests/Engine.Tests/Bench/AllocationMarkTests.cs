using Engine.Bench.Workloads;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Journal.Reading;

namespace Engine.Tests.Bench;

/// <summary>
/// The steady state's mark counts the journal segments the replay opened after it, so that
/// <c>bench pipeline</c> can say where the bytes of a run over many segments went.
/// </summary>
public sealed class AllocationMarkTests
{
    [Fact]
    public void TheMarkCountsTheSegmentsOpenedAfterIt()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string folder = Path.Combine(Path.GetTempPath(), $"allocation-mark-{Guid.NewGuid():N}");
        try
        {
            var run = PipelineBenchmark.Generate(config, folder, 60_000, 500, false, _ => { }, segmentBytes: 256 * 1024);
            var reader = JournalReader.Open(folder);
            int segments = reader.Segments.Count;
            Assert.True(segments >= 20, $"{segments} segments");

            var options = TradingPipelineOptions.SingleProducerFused("test");
            var mark = new AllocationMark(30_000);
            var marked = PipelineBenchmark.Replay(run, registry, options, reader, 0, long.MaxValue, mark);

            // The ticks are spread evenly over the segments. When the mark is passed the producer
            // may be up to a ring of slots ahead of it, and the read-ahead one segment further, so
            // up to that many of the second half's segments were opened before the mark.
            int ticksPerSegment = 60_000 / segments;
            int aheadSegments = ((options.RingSize + ticksPerSegment - 1) / ticksPerSegment) + 1;
            Assert.Equal(30_000, marked.SteadyTicks);
            Assert.InRange(marked.SteadySegments, (segments / 2) - aheadSegments - 1, (segments / 2) + 2);
            Assert.Equal(0, new AllocationMark(1).SegmentsOpenedAfterMark);
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
