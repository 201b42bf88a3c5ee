using System.Diagnostics;
using Engine.Bench.Workloads;
using Engine.Core.Events;

namespace Engine.Tests.Bench;

/// <summary>
/// The latency probe corrects for coordinated omission: a tick published late, because the
/// producer stalled, counts from when it was due, so the stall shows in the corrected figure while
/// the raw one (from the publish) hides it.
/// </summary>
public sealed class LatencyProbeTests
{
    [Fact]
    public void ATickPublishedLateCountsFromItsDueTimeInTheCorrectedHistogramOnly()
    {
        var probe = new LatencyProbe(speed: 1);
        // The first tick anchors the schedule: published and handled at once.
        var first = new RingEvent { Kind = EventKind.Tick, PublishedTicks = Stopwatch.GetTimestamp(), ReceiveTimestampNs = 1_000_000_000 };
        probe.OnEvent(ref first, 0, true);
        // The next was due a microsecond after it, but the producer stalled for 50 ms before publishing it.
        Thread.Sleep(50);
        var late = new RingEvent { Kind = EventKind.Tick, PublishedTicks = Stopwatch.GetTimestamp(), ReceiveTimestampNs = 1_000_001_000 };
        probe.OnEvent(ref late, 1, true);

        Assert.Equal(2, probe.Count);
        Assert.True(LatencyProbe.Max(probe.Corrected) >= 49_000_000, $"corrected max {LatencyProbe.Max(probe.Corrected)} ns");
        Assert.True(LatencyProbe.Max(probe.Raw) < 25_000_000, $"raw max {LatencyProbe.Max(probe.Raw)} ns: the raw figure should not see the stall");
    }

    [Fact]
    public void TheWorstTickIsNamedWithTheTimeItWasDue()
    {
        var probe = new LatencyProbe(speed: 2);
        long origin = 1_000_000_000;
        // Receive times: the anchor, one on time, one handled 30 ms late, one due 10 s ahead.
        foreach (var (receivedAfterNs, stallMs) in new[] { (0L, 0), (1_000L, 0), (4_000L, 30), (20_000_000_000L, 0) })
        {
            Thread.Sleep(stallMs);
            var tick = new RingEvent { Kind = EventKind.Tick, PublishedTicks = Stopwatch.GetTimestamp(), ReceiveTimestampNs = origin + receivedAfterNs };
            probe.OnEvent(ref tick, probe.Count, true);
        }

        Assert.Equal(3, probe.WorstTick);
        // At twice the recorded speed the third tick was due 2 µs after the first.
        Assert.Equal(2_000, probe.WorstDueNs);
    }

    [Fact]
    public void OnlyTicksAreRecorded()
    {
        var probe = new LatencyProbe();
        var timer = new RingEvent { Kind = EventKind.Timer, PublishedTicks = Stopwatch.GetTimestamp() };
        probe.OnEvent(ref timer, 0, true);
        Assert.Equal(0, probe.Count);
        Assert.Equal(0, probe.WorstTick);
        Assert.True(double.IsNaN(LatencyProbe.At(probe.Raw, 99)));
    }
}
