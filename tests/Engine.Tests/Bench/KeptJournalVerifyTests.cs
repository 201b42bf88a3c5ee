using Engine.Bench.Workloads;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Host.Replay;

namespace Engine.Tests.Bench;

/// <summary>
/// A journal of inputs alone, as <c>bench pipeline --keep</c> leaves, cannot be verified: the
/// replay says why instead of showing a bare mismatch against nothing.
/// </summary>
public sealed class KeptJournalVerifyTests
{
    [Fact]
    public void VerifyingAJournalOfInputsAloneSaysThereIsNothingToVerifyAgainst()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"), registry);
        string folder = Path.Combine(Path.GetTempPath(), $"kept-journal-{Guid.NewGuid():N}");
        try
        {
            PipelineBenchmark.Generate(config, folder, 2_000, 500, false, _ => { });
            var output = new StringWriter();
            int exit = ReplayRun.Run(new ReplayRunOptions { Journal = folder, Verify = true, Output = output, Progress = TextWriter.Null, ProgressIsTerminal = false }, CancellationToken.None);

            Assert.NotEqual(0, exit);
            string text = output.ToString();
            Assert.Contains("verify: FAILED", text, StringComparison.Ordinal);
            Assert.Contains("holds no recorded decisions", text, StringComparison.Ordinal);
            Assert.Contains("without --verify", text, StringComparison.Ordinal);
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
