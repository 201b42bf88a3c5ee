using Engine.Ring;

namespace Engine.Tests.Ring;

public sealed class PlacementTests
{
    [Theory]
    [InlineData(2, 1, WaitStrategyKind.Phased)]
    [InlineData(2, 3, WaitStrategyKind.Phased)]
    [InlineData(3, 1, WaitStrategyKind.BusySpin)]
    [InlineData(4, 3, WaitStrategyKind.Phased)]
    [InlineData(16, 4, WaitStrategyKind.BusySpin)]
    public void BusySpinIsChosenOnlyWhenEveryBusyThreadHasACoreAndPhasedBackoffOtherwise(int cores, int consumerThreads, WaitStrategyKind expected)
    {
        var choice = WaitStrategyChoice.ForMachine(cores, consumerThreads);
        Assert.Equal(expected, choice.Kind);
        Assert.Contains($"{cores} cores", choice.Reason);
    }

    [Theory]
    [InlineData("busy-spin", WaitStrategyKind.BusySpin)]
    [InlineData("BusySpin", WaitStrategyKind.BusySpin)]
    [InlineData("yielding", WaitStrategyKind.Yielding)]
    [InlineData(" Sleeping ", WaitStrategyKind.Sleeping)]
    [InlineData("blocking", WaitStrategyKind.Blocking)]
    [InlineData("phased", WaitStrategyKind.Phased)]
    public void WaitStrategyNamesParse(string name, WaitStrategyKind kind)
    {
        Assert.Equal(kind, WaitStrategies.Parse(name));
        Assert.Equal(WaitStrategies.NameOf(kind), WaitStrategies.Create(kind).Name);
    }

    [Fact]
    public void UnknownWaitStrategyNamesListTheValidOnes()
    {
        var error = Assert.Throws<FormatException>(() => WaitStrategies.Parse("spinny"));
        Assert.Contains("'spinny'", error.Message);
        Assert.Contains("busy-spin, yielding, sleeping, blocking, phased", error.Message);
    }

    [Fact]
    public void PinningToAnAllowedCoreWorksOnLinuxAndMovesTheThreadThere()
    {
        // The last core this process may use: a CI runner or taskset may not allow core 0.
        int target = CpuAffinity.AllowedCores[^1];
        if (!CpuAffinity.IsSupported)
        {
            Assert.False(CpuAffinity.TryPinCurrentThread(0, out var why));
            Assert.Contains("Linux", why);
            return;
        }

        int core = -1;
        bool pinned = false;
        var thread = new Thread(() =>
        {
            pinned = CpuAffinity.TryPinCurrentThread(target, out _);
            Thread.Sleep(5);
            core = CpuAffinity.CurrentCore;
        });
        thread.Start();
        thread.Join();
        Assert.True(pinned);
        Assert.Equal(target, core);
    }

    [Fact]
    public void PinningToACoreThatDoesNotExistFailsWithAReason()
    {
        Assert.False(CpuAffinity.TryPinCurrentThread(Environment.ProcessorCount + 7, out var reason));
        Assert.Contains("does not exist", reason);
        Assert.False(CpuAffinity.TryPinCurrentThread(-1, out _));
    }

    [Fact]
    public void PlacementReportNamesEveryConsumerItsThreadCoreAndDependencies()
    {
        var ring = new RingBuffer<TestEvent>(1024, new YieldingWaitStrategy());
        var journal = new StampingHandler("journal", (ref TestEvent _) => { });
        var logic = new FusedEventHandler<TestEvent>(new StampingHandler("indicators", (ref TestEvent _) => { }), new StampingHandler("signals", (ref TestEvent _) => { }));
        var router = new StampingHandler("router", (ref TestEvent _) => { });
        using var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { WaitStrategyReason = "yielding: because" });
        pipeline.HandleEventsWith(journal, logic).Then(router);
        var report = pipeline.Start(new Dictionary<string, int> { ["indicators+signals"] = CpuAffinity.AllowedCores[0], ["ghost"] = 1, ["router"] = 999 });

        Assert.Equal(3, report.Threads.Count);
        var logicPlacement = report.Threads.Single(t => t.ConsumerName == "indicators+signals");
        Assert.Equal("ring-indicators+signals", logicPlacement.ThreadName);
        Assert.Equal(CpuAffinity.IsSupported, logicPlacement.Pinned);
        Assert.Equal(["journal", "indicators+signals"], report.Threads.Single(t => t.ConsumerName == "router").GatesOn);
        Assert.Contains(report.Warnings, w => w.Contains("'ghost'", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("core 999 does not exist", StringComparison.Ordinal));

        string text = report.ToString();
        Assert.Contains("1024 slots, single-producer, wait strategy yielding", text);
        Assert.Contains("why: yielding: because", text);
        Assert.Contains("journal, indicators+signals", text);
        Assert.Contains("router@any", report.Compact);
    }

    [Fact]
    public void AfterAndAndGateLaterConsumersOnSeveralEarlierOnes()
    {
        var ring = new RingBuffer<TestEvent>(64, new YieldingWaitStrategy());
        int violations = 0;
        var a = new StampingHandler("a", (ref TestEvent e) => e.StageA = e.Value);
        var b = new StampingHandler("b", (ref TestEvent e) => e.StageB = e.Value);
        var c = new StampingHandler("c", (ref TestEvent e) =>
        {
            if (e.StageA != e.Value || e.StageB != e.Value)
            {
                Interlocked.Increment(ref violations);
            }
        });
        using var pipeline = new RingPipeline<TestEvent>(ring);
        var first = pipeline.HandleEventsWith(a);
        var second = pipeline.HandleEventsWith(b);
        pipeline.After(a).And(second).Then(c);
        Assert.Throws<ArgumentException>(() => pipeline.After(new StampingHandler("stranger", (ref TestEvent _) => { })));
        Assert.Throws<ArgumentException>(() => first.Then(b));
        pipeline.Start();
        Assert.Throws<InvalidOperationException>(() => pipeline.HandleEventsWith(new StampingHandler("late", (ref TestEvent _) => { })));

        RingPublisher.PublishSequentially(ring, 5000, [3]);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, violations);
        Assert.Equal(5000, c.Count);
        Assert.Equal(0, pipeline.Lag);
    }
}
