using Engine.Sim;
using Engine.Sim.Exchange;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Sim;

/// <summary>The simulator as most tests want it: a free loopback port, the repository's instruments, a fixed trading morning.</summary>
internal static class TestSimulator
{
    /// <summary>The market's first tick, 09:15 IST on a trading day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 15, 0, TimeSpan.FromMinutes(330));

    public static Task<KiteSimulator> StartAsync(double ticksPerSecond = 20, SimExchangeOptions? exchange = null, bool recordSentTicks = false) =>
        KiteSimulator.StartAsync(
            new SimulatorOptions
            {
                Port = 0,
                TicksPerSecond = ticksPerSecond,
                InstrumentsFile = Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"),
                StartTime = Start,
                Exchange = exchange ?? new SimExchangeOptions(),
                RecordSentTicks = recordSentTicks,
            },
            NullLoggerFactory.Instance);
}
