using Engine.Bench.Workloads;

namespace Engine.Tests.Bench;

/// <summary>
/// <c>bench pipeline</c>'s text report: every figure <c>--json</c> gives a quant appears once, in
/// its block, with its unit and its same-run ratio, and what was not measured says so.
/// </summary>
public sealed class PipelineBenchmarkReportTests
{
    [Fact]
    public void EachBlockCarriesItsFiguresAndRatios()
    {
        string report = PipelineBenchmarkReport.Format(Result() with { OneCoreTicksPerSecond = 8_000_000, OneCoreRingSize = 1024 });
        string[] lines = report.Split('\n');

        Assert.Contains("pipeline over 3,000,000 ticks (14 instruments, 2 strategies; 1,072 intents, 1,070 orders)", lines[0]);
        Assert.Contains(lines, l => l.Contains("ring, every risk rule") && l.Contains("12.00 M"));
        Assert.Contains(lines, l => l.Contains("channels, the same stages") && l.Contains("3.00 M") && l.Contains("ring over channels 4.00x"));
        Assert.Contains(lines, l => l.Contains("first risk rules only") && l.Contains("12.50 M") && l.Contains("0.96x"));
        Assert.Contains(lines, l => l.Contains("both threads on one core") && l.Contains("8.00 M") && l.Contains("two cores over one 1.50x") && l.Contains("1,024 slots"));

        // Units follow the size: ns, then µs, then ms.
        Assert.Contains(lines, l => l.Contains("from the due time (corrected)") && l.Contains("450 ns") && l.Contains("5,099 ns") && l.Contains("48.9 µs") && l.Contains("2.61 ms"));
        Assert.Contains(lines, l => l.Contains("the machine's own floor") && l.Contains("<1,000 ns") && l.Contains("16.7 µs"));
        Assert.Contains(lines, l => l.Contains("one core, from the due time") && l.Contains("1,720 ns") && l.Contains("5,900 ns") && l.Contains("25.0 µs") && l.Contains("903.0 µs"));
        Assert.Contains(lines, l => l.Contains("corrected p99 over the floor 0.31x"));
        Assert.Contains(lines, l => l.Contains("meanwhile other tasks on the machine ran 0.69 % of a core (kdamond.0 10.3 ms, kworker/1:0 4.0 ms), interrupts 0.10 %, reported steal 0.20 %") && l.Contains("preemptions of the engine's threads: producer 16, logic 92, their waits for a core: producer 0.10 ms, logic 1.25 ms"));
        Assert.Contains(lines, l => l.Contains("while the floor spun, some core stalled 2.00 % of the time: other tasks ran 0.40 % of a core, interrupts 0.00 %, reported steal 0.30 %"));
        Assert.Contains(lines, l => l.Contains("bottleneck: logic (signals, risk, orders, router on one thread)"));
        Assert.Contains(lines, l => l.Contains("steady state 0.003 B/tick (3,800 B") && l.Contains("5 journal segments were opened: about 760 B each"));
        Assert.Contains(lines, l => l.Contains("start-up 3,080 B") && l.Contains("logic 0 B"));
        Assert.EndsWith("\n", report);
    }

    [Fact]
    public void WhatWasNotMeasuredSaysSo()
    {
        string report = PipelineBenchmarkReport.Format(Result() with { Floor = null, OneCorePacedCorrectedP50Ns = 0, PacedMachine = null, FloorMachine = null, SteadyStateSegmentsOpened = 0, SteadyStateBytes = 0, SteadyStateBytesPerTick = 0 });

        Assert.Contains("both threads on one core", report);
        Assert.Contains("not measured", report);
        Assert.DoesNotContain("the machine's own floor ", report);
        Assert.DoesNotContain("segments were opened", report);
        Assert.DoesNotContain("other tasks on the machine", report);
        Assert.DoesNotContain("while the floor spun", report);
        Assert.DoesNotContain("one core, from the due time", report);
        Assert.Contains("steady state 0.000 B/tick (0 B over the run's second half)", report);
    }

    private static PipelineBenchmarkResult Result() => new()
    {
        OneCorePacedCorrectedP50Ns = 1_720,
        OneCorePacedCorrectedP99Ns = 5_900,
        OneCorePacedCorrectedP999Ns = 25_000,
        OneCorePacedCorrectedMaxNs = 903_000,
        PacedMachine = new MachineActivityReport([new TaskCpu("kdamond.0", 10_300_000), new TaskCpu("kworker/1:0", 4_000_000), new TaskCpu("rcu_preempt", 9_000)], 0.0069, 0.001, 0.002),
        FloorMachine = new MachineActivityReport([], 0.004, 0, 0.003),
        PacedPreemptionsByThread = new Dictionary<string, long> { ["producer"] = 16, ["logic"] = 92 },
        PacedRunDelayMsByThread = new Dictionary<string, double> { ["producer"] = 0.1, ["logic"] = 1.25 },
        Ticks = 3_000_000,
        Instruments = 14,
        Strategies = 2,
        Intents = 1_072,
        Orders = 1_070,
        TicksPerSecond = 12_000_000,
        ChannelsTicksPerSecond = 3_000_000,
        TicksPerSecondFirstRulesOnly = 12_500_000,
        TicksPerSecondStamped = 9_000_000,
        PacedRate = 100_000,
        CorrectedP50Ns = 450,
        CorrectedP90Ns = 900,
        CorrectedP99Ns = 5_099,
        CorrectedP999Ns = 48_900,
        CorrectedMaxNs = 2_610_000,
        P50Ns = 440,
        P90Ns = 800,
        P99Ns = 1_500,
        P999Ns = 20_000,
        MaxNs = 2_600_000,
        ChannelsP50Ns = 1_800,
        ChannelsP99Ns = 2_000_000,
        Floor = new HiccupFloorResult(2, 100_000, 0, 16_687, 400_000, 2_000_000, 0.01, 0.02, 40, 0, 1_000),
        SteadyStateBytesPerTick = 3_800 / 1_500_000.0,
        SteadyStateBytes = 3_800,
        SteadyStateSegmentsOpened = 5,
        StartupBytes = 3_080,
        SteadyStateBytesByThread = new Dictionary<string, long> { ["producer (whole run)"] = 3_856, ["logic"] = 0 },
        ProducerBusyFraction = 0.96,
        LogicBusyFraction = 0.88,
        Bottleneck = "logic (signals, risk, orders, router on one thread)",
        Placement = "fused: producer (journal replay) + logic@any",
        WaitStrategy = "phased: chosen for the test",
    };
}
