using Engine.Bench.Workloads;

namespace Engine.Tests.Bench;

/// <summary>
/// <c>bench sim</c>'s two clients of one simulator count the same thing: both receive ticks from
/// the market, the engine's client decodes every one of them, and the bare WebSocket client's
/// packet count agrees with the bytes it received (every packet of a full-mode frame is an
/// index's 32 bytes or an equity's 184, each behind a 2-byte length). How fast each client is
/// over a window of wall time depends on what else the machine runs, so rates belong to the
/// benchmark, not here.
/// </summary>
public sealed class SimulatorThroughputTests
{
    [Fact]
    public async Task BothClientsReceiveTheMarketAndTheBareClientsPacketCountMatchesItsBytes()
    {
        var result = await SimulatorThroughput.RunAsync(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"), 100, TimeSpan.FromSeconds(1), rounds: 1);

        Assert.Equal(0, result.DecodeErrors);
        Assert.True(result.OfferedPerSecond > 0, "the simulator offered nothing");
        Assert.True(result.TicksPerSecond > 0, "the engine's client decoded nothing into the ring");
        Assert.True(result.PlainTicksPerSecond > 0, "the bare client counted nothing");
        Assert.True(result.BytesPerSecond > 0, "the engine's client received nothing");
        // A frame that straddles an edge of the window puts its bytes and its count on different
        // sides, hence the slack; counting frames instead of packets would be 50 times over.
        double bytesPerPacket = result.PlainBytesPerSecond / result.PlainTicksPerSecond;
        Assert.InRange(bytesPerPacket, (2 + 32) / 1.5, (2 + 184 + 2) * 1.5);
    }
}
