using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>
/// A consumer's allocation sample is its own thread's count: a handler that allocates shows its
/// bytes, one that does not shows none, whatever else the process allocates meanwhile.
/// </summary>
public sealed class AllocationSampleTests
{
    [Fact]
    public void EachConsumersSampleCountsWhatItsOwnThreadAllocatedAndNothingElse()
    {
        var ring = new RingBuffer<TestEvent>(1024, new YieldingWaitStrategy());
        var allocating = new AllocatingHandler();
        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(allocating, new QuietHandler());
        pipeline.Start();
        Assert.All(pipeline.ConsumerAllocations, c => Assert.Equal((-1L, 0L), (c.AllocatedBytes, c.Samples)));

        Publish(ring, 2_000);
        var before = Sample(pipeline, ring);
        Publish(ring, 1_000);

        // Allocation on this thread, outside the consumers, must not show in their samples.
        var noise = new List<byte[]>();
        for (int i = 0; i < 100; i++)
        {
            noise.Add(new byte[1_000]);
        }

        var after = Sample(pipeline, ring);
        Assert.True(noise.Count == 100);
        long allocated = after["allocating"] - before["allocating"];
        // The 1,000 events, each a 64-byte array and its object header, and up to two more: a
        // consumer takes its sample at the end of the batch in hand when the request comes, which
        // may be a batch before the event published to trigger it, so either sample's own event
        // may fall inside the window or outside it.
        Assert.InRange(allocated, 1_000 * 64, 1_002 * 200);
        Assert.Equal(0, after["quiet"] - before["quiet"]);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));
    }

    private static Dictionary<string, long> Sample(RingPipeline<TestEvent> pipeline, RingBuffer<TestEvent> ring)
    {
        // A consumer samples where it stands when it reads the request, so a consumer still behind
        // the producer (a busy machine) would sample short of the events published so far: wait for
        // both to catch up first, so the window's edges are the events published around it.
        Await.Until(() => pipeline.Lag == 0, TimeSpan.FromSeconds(30), () => "the consumers to catch up");
        var samples = pipeline.ConsumerAllocations.ToDictionary(c => c.Name, c => c.Samples);
        pipeline.RequestAllocationSamples();
        Publish(ring, 1);
        Await.Until(() => pipeline.ConsumerAllocations.All(c => c.Samples > samples[c.Name]), TimeSpan.FromSeconds(30), () => "the samples");
        return pipeline.ConsumerAllocations.ToDictionary(c => c.Name, c => c.AllocatedBytes);
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

    private sealed class AllocatingHandler : IEventHandler<TestEvent>
    {
        public byte[]? Last { get; private set; }

        public string Name => "allocating";

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            // Slower than the producer, so the consumer lags as it would on a busy machine.
            Thread.SpinWait(20_000);
            Last = new byte[40];
        }
    }

    private sealed class QuietHandler : IEventHandler<TestEvent>
    {
        public string Name => "quiet";

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch) => data.StageB = sequence;
    }
}
