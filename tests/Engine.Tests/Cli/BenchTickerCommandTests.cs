using System.Text.Json;

namespace Engine.Tests.Cli;

/// <summary>
/// <c>bench ticker</c>: every frame the server sent is timed for both clients, the percentiles are
/// in order, the ratios are the two clients' figures divided, and bad options are refused plainly.
/// </summary>
public sealed class BenchTickerCommandTests
{
    [Fact]
    public void BothClientsTimeEveryFrameAndTheRatiosComeFromTheirFigures()
    {
        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromMinutes(2), "bench", "ticker", "--json", "--frames", "300", "--rounds", "2", "--gap-us", "200");
        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("round 2 of 2", stderr);
        var r = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("ticker", r.GetProperty("benchmark").GetString());
        foreach (string client in new[] { "ticker", "thread_pool" })
        {
            // Two rounds of 300 frames, none lost: each frame is matched to its send by its number.
            Assert.Equal(600, r.GetProperty($"{client}_frames").GetInt64());
            Assert.Equal(0, r.GetProperty($"{client}_lost").GetInt64());
            double p50 = r.GetProperty($"{client}_p50_ns").GetDouble(), p99 = r.GetProperty($"{client}_p99_ns").GetDouble();
            double p999 = r.GetProperty($"{client}_p999_ns").GetDouble(), max = r.GetProperty($"{client}_max_ns").GetDouble();
            Assert.True(p50 > 0 && p50 <= p99 && p99 <= p999 && p999 <= max, $"{client}: {p50} {p99} {p999} {max}");
        }

        Assert.Equal(r.GetProperty("ticker_p50_ns").GetDouble() / r.GetProperty("thread_pool_p50_ns").GetDouble(), r.GetProperty("p50_ratio").GetDouble(), 3);
        Assert.Equal(r.GetProperty("ticker_p99_ns").GetDouble() / r.GetProperty("thread_pool_p99_ns").GetDouble(), r.GetProperty("p99_ratio").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("ticker_core").ValueKind);   // unpinned unless asked, as the engine runs
    }

    [Fact]
    public void APinnedTickerRunsOnItsCoreAndTheServerOnAnother()
    {
        var cores = Engine.Ring.CpuAffinity.AllowedCores;
        if (!Engine.Ring.CpuAffinity.IsSupported || cores.Count < 2)
        {
            return;
        }

        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromMinutes(2), "bench", "ticker", "--json", "--frames", "200", "--rounds", "1", "--core", cores[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, stderr + stdout);
        var r = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(cores[0], r.GetProperty("ticker_core").GetInt32());
        Assert.NotEqual(cores[0], r.GetProperty("server_core").GetInt32());
        Assert.Equal(200, r.GetProperty("ticker_frames").GetInt64());
    }

    [Theory]
    [InlineData("--frames", "10", "--frames must be at least 100")]
    [InlineData("--core", "1023", "--core 1023: this process may run on cores")]
    public void BadOptionsAreRefusedWithTheReason(string option, string value, string expected)
    {
        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromMinutes(1), "bench", "ticker", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(expected, stdout + stderr);
    }
}
