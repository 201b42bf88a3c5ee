using Engine.Core.Orders;
using Engine.Core.Pipeline;
using Engine.Core.Routing;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Tests.Running;

/// <summary>The composed pipeline: journal before act, and no allocation in steady state.</summary>
public sealed class EnginePipelineTests
{
    /// <summary>
    /// A gateway that, when handed an order, reads the journal folder from disk as an auditor
    /// would and records whether the order and the input it came from are already there.
    /// </summary>
    private sealed class JournalCheckingGateway(Func<string> folder) : IOrderGateway
    {
        public List<(ulong ClientOrderId, long Input, bool OrderJournaled, bool InputJournaled)> Seen { get; } = [];

        public string Name => "journal-check";

        public void Submit(in OrderRequest order)
        {
            ulong id = order.ClientOrderId;
            long input = order.InputSequence;
            bool orderFound = false;
            bool inputFound = false;
            foreach (var record in JournalReader.Open(folder()).Read())
            {
                inputFound |= record.Type == RecordType.Tick && record.Sequence == input;
                orderFound |= record.Type == RecordType.OrderRequest && BitConverter.ToUInt64(record.Payload.Span) == id;
            }

            lock (Seen)
            {
                Seen.Add((id, input, orderFound, inputFound));
            }
        }
    }

    [Theory]
    [InlineData(PipelinePlacement.Fused)]
    [InlineData(PipelinePlacement.Staged)]
    [InlineData(PipelinePlacement.PerStage)]
    public void NoOrderReachesTheGatewayBeforeItAndItsInputAreInTheJournalOnDisk(PipelinePlacement placement)
    {
        EngineHarness? harness = null;
        var gateway = new JournalCheckingGateway(() => harness!.JournalFolder);
        using (harness = new EngineHarness(gateway, placement))
        {
            for (int i = 0; i < 40 && gateway.Seen.Count < 5; i++)
            {
                harness.Publish(500);
                harness.Drain();
            }
        }

        Assert.True(gateway.Seen.Count >= 5, $"only {gateway.Seen.Count} orders in 20,000 frames");
        Assert.All(gateway.Seen, s => Assert.True(s.OrderJournaled && s.InputJournaled, $"order {s.ClientOrderId} (input {s.Input}) was handed over before it was journaled"));
    }

    [Fact]
    public void SteadyStateTicksThroughTheWholePipelineAllocateNothing()
    {
        using var harness = new EngineHarness(new NullOrderGateway());

        // Warm up: JIT, first bars, indicator windows, the journal buffer.
        harness.Publish(3_000);
        harness.Drain();
        long intentsBefore = harness.Pipeline.Signals.Intents;

        // Allocation on every engine thread, each counted by the thread itself: the publisher
        // (this thread, through the ticker's sink) and every consumer (strategies, risk,
        // journaller, router). A thread the engine does not own (a runtime timer, a test's
        // leftover) does not count. Over several windows: the runtime can allocate on an engine
        // thread once (tiering), so the quietest window is the engine's own figure.
        var windows = new List<(long Total, string Detail)>();
        var sampled = harness.SampleConsumerAllocations();
        for (int w = 0; w < 4; w++)
        {
            long publisher = GC.GetAllocatedBytesForCurrentThread();
            harness.Publish(2_000);
            harness.Drain();
            publisher = GC.GetAllocatedBytesForCurrentThread() - publisher;
            var now = harness.SampleConsumerAllocations();
            var consumers = now.ToDictionary(c => c.Key, c => c.Value - sampled[c.Key]);
            sampled = now;
            windows.Add((publisher + consumers.Values.Sum(), $"publisher {publisher}, " + string.Join(", ", consumers.Select(c => $"{c.Key} {c.Value}"))));
        }

        long ticks = harness.Pipeline.Signals.Ticks;
        Assert.True(ticks >= 11_000 * harness.TicksPerFrame / 2, $"{ticks} ticks");
        Assert.True(harness.Pipeline.Signals.Intents > intentsBefore, "no decisions in the measured windows: the test would not cover the decision path");
        Assert.True(windows.Min(w => w.Total) == 0, $"bytes allocated per window of {2_000 * harness.TicksPerFrame:N0} ticks, by thread: {string.Join("; ", windows.Select(w => w.Detail))}");
    }
}
