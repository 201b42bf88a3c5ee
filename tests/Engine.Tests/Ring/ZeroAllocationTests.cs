using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Steady-state publish and consume must not allocate: measured on the producer thread and on every consumer thread.</summary>
public sealed class ZeroAllocationTests
{
    private const int WarmUp = 200_000;
    private const int Window = 300_000;
    private const int Windows = 3;

    [Theory]
    [InlineData(ProducerType.Single, WaitStrategyKind.Yielding)]
    [InlineData(ProducerType.Multi, WaitStrategyKind.Yielding)]
    [InlineData(ProducerType.Single, WaitStrategyKind.Blocking)]
    [InlineData(ProducerType.Single, WaitStrategyKind.Sleeping)]
    [InlineData(ProducerType.Multi, WaitStrategyKind.Phased)]
    public void SteadyStatePublishAndConsumeAllocateNothing(ProducerType producerType, WaitStrategyKind waitStrategy)
    {
        var ring = new RingBuffer<TestEvent>(1024, WaitStrategies.Create(waitStrategy), producerType);
        var first = new AllocationProbe("first");
        var second = new AllocationProbe("second");
        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(first).Then(second);
        pipeline.Start();

        Publish(ring, WarmUp);
        var producerBytes = new long[Windows];
        for (int w = 0; w < Windows; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Publish(ring, Window);
            producerBytes[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Publish(ring, 1);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(60)));

        // The quietest window counts: see SteadyStateAllocation for what the runtime's counter does
        // once in a while under the load of tests running in parallel. An allocation per event shows in every window.
        Assert.True(producerBytes.Min() == 0, $"producer bytes per window: {string.Join(", ", producerBytes)}");
        Assert.True(first.FewestBytes == 0, first.Describe());
        Assert.True(second.FewestBytes == 0, second.Describe());
    }

    private static void Publish(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }
    }

    // Reads its thread's allocation counter at each window's first event, over the same windows the producer measures.
    private sealed class AllocationProbe(string name) : IEventHandler<TestEvent>
    {
        private readonly long[] _atBoundary = new long[Windows + 1];

        public string Name => name;

        public long FewestBytes => Enumerable.Range(0, Windows).Min(w => _atBoundary[w + 1] - _atBoundary[w]);

        public string Describe() => $"{name}: bytes per window: {string.Join(", ", Enumerable.Range(0, Windows).Select(w => _atBoundary[w + 1] - _atBoundary[w]))}";

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            data.StageA = sequence;
            long fromStart = sequence - WarmUp;
            if (fromStart >= 0 && fromStart % Window == 0 && fromStart / Window <= Windows)
            {
                _atBoundary[fromStart / Window] = GC.GetAllocatedBytesForCurrentThread();
            }
        }
    }
}
