using Engine.Bench.Workloads;

namespace Engine.Tests.Bench;

/// <summary>
/// <c>bench sim</c>'s two clients of one simulator: at a rate both keep up with, the bare
/// WebSocket client's packet count and the engine's decoded ticks both follow what the market
/// offered, so the ratio between them compares like with like.
/// </summary>
public sealed class SimulatorThroughputTests
{
    [Fact]
    public async Task AtARateBothKeepUpWithTheBareClientAndTheEngineClientCountTheTicksOffered()
    {
        var result = await SimulatorThroughput.RunAsync(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"), 100, TimeSpan.FromSeconds(1), rounds: 1);

        Assert.Equal(0, result.DecodeErrors);
        Assert.True(result.OfferedPerSecond > 0, "the simulator offered nothing");
        // Windows are wall time on a shared machine: each client within a factor of two of the offer.
        Assert.InRange(result.TicksPerSecond, result.OfferedPerSecond / 2, result.OfferedPerSecond * 2);
        Assert.InRange(result.PlainTicksPerSecond, result.OfferedPerSecond / 2, result.OfferedPerSecond * 2);
        Assert.InRange(result.RatioToPlainWebSocket, 0.25, 4);
        Assert.True(result.PlainBytesPerSecond > result.PlainTicksPerSecond * 100, "a full-mode tick is more than 100 bytes");
    }
}
