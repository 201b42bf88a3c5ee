using Engine.Bench.Workloads;
using Engine.Core.Pipeline;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Tests.Bench;

/// <summary>
/// A full-speed replay maps every rolled segment of a journal instead of reading it: over a
/// journal cut into many small segments it makes the decisions it makes over one segment read
/// whole.
/// </summary>
public sealed class MappedReplayTests
{
    [Fact]
    public void AReplayOverManyMappedSegmentsDecidesAsOverOneReadSegment()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string whole = Path.Combine(Path.GetTempPath(), $"mapped-replay-whole-{Guid.NewGuid():N}");
        string cut = Path.Combine(Path.GetTempPath(), $"mapped-replay-cut-{Guid.NewGuid():N}");
        try
        {
            var run = PipelineBenchmark.Generate(config, whole, 60_000, 500, false, _ => { });
            var cutRun = PipelineBenchmark.Generate(config, cut, 60_000, 500, false, _ => { }, segmentBytes: 256 * 1024);
            var cutReader = JournalReader.Open(cut);
            Assert.Single(JournalReader.Open(whole).Segments);
            Assert.True(cutReader.Segments.Count >= 20, $"{cutReader.Segments.Count} segments");

            // The reading a full-speed replay does: every rolled segment is mapped, the last one read.
            var mapped = new List<bool>();
            var readOptions = new JournalReadOptions { ReuseBuffers = true, VerifyFrameChecksum = false, OnSegment = content => mapped.Add(content.IsMapped) };
            long records = 0;
            foreach (var cursor in cutReader.ReadSegments(readOptions))
            {
                while (cursor.TryNext(out RecordHeader _, out _))
                {
                    records++;
                }
            }

            Assert.Equal(cutReader.Segments.Count, mapped.Count);
            Assert.All(mapped[..^1], Assert.True);
            Assert.False(mapped[^1]);

            var options = TradingPipelineOptions.SingleProducerFused("test");
            var overOne = PipelineBenchmark.Replay(run, registry, options, JournalReader.Open(whole), 0, long.MaxValue, null);
            var overMany = PipelineBenchmark.Replay(cutRun, registry, options, cutReader, 0, long.MaxValue, null);
            Assert.True(overOne.Intents > 0, "no intents: the comparison would be empty");
            Assert.Equal(60_000, overOne.Ticks);
            Assert.Equal((overOne.Ticks, overOne.Intents, overOne.Orders), (overMany.Ticks, overMany.Intents, overMany.Orders));
            Assert.True(records > overMany.Ticks);
        }
        finally
        {
            foreach (string folder in new[] { whole, cut })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
