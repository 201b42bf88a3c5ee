using Engine.Bench.Workloads;
using Engine.Ring;

namespace Engine.Tests.Bench;

/// <summary>
/// One wait strategy through <c>bench wait</c>'s whole measurement, shortened: the quiet and busy
/// runs both happen, and the busy run says how much of the machine other tasks took meanwhile.
/// Only behaviour is checked; the figures belong to the benchmark.
/// </summary>
public sealed class WaitBenchmarkRunTests
{
    [Fact]
    public void AMeasuredStrategyCarriesItsQuietCostBusyTailAndTheMachinesOtherTasks()
    {
        var measured = new WaitBenchmark(
            new WaitBenchmarkOptions
            {
                ConfigFile = Path.Combine(TestData.RepositoryRoot, "config", "engine.yaml"),
                QuietDuration = TimeSpan.FromSeconds(1),
                BusyRate = 20_000,
                BusyDuration = TimeSpan.FromSeconds(1),
                Kinds = [WaitStrategyKind.Phased],
            },
            _ => { }).Run();

        var phased = Assert.Single(measured);
        Assert.Equal("phased", phased.WaitStrategy);
        Assert.True(phased.BusyP50Ns > 0 && phased.BusyCorrectedP99Ns >= phased.BusyP50Ns, $"busy p50 {phased.BusyP50Ns}, corrected p99 {phased.BusyCorrectedP99Ns}");
        Assert.True(phased.QuietCpuPercent >= 0);
        if (MachineTasks.IsSupported)
        {
            Assert.InRange(phased.BusyOtherTasksCpuFraction, 0, Environment.ProcessorCount * 1.1);
        }
        else
        {
            Assert.Equal(-1, phased.BusyOtherTasksCpuFraction);
        }
    }
}
