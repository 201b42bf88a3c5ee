using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Ring;

/// <summary>
/// The behaviour every ring must have, whatever its wait strategy; each subclass runs the whole
/// contract against one strategy, and each test runs with both sequencers.
/// </summary>
public abstract class RingContract
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    protected abstract IWaitStrategy CreateWaitStrategy();

    /// <summary>Busy-spinning threads on a 2-core machine progress only when the scheduler preempts them, so they get smaller workloads.</summary>
    protected virtual int EventCount => 20_000;

    private RingBuffer<TestEvent> CreateRing(ProducerType producerType, int size = 256) =>
        new(size, CreateWaitStrategy(), producerType);

    public static TheoryData<ProducerType> ProducerTypes => new() { ProducerType.Single, ProducerType.Multi };

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void EveryConsumerSeesEveryEventExactlyOnceInSequenceOrder(ProducerType producerType)
    {
        var ring = CreateRing(producerType);
        var consumers = Enumerable.Range(0, 3).Select(i => new RecordingHandler($"c{i}", EventCount)).ToArray();
        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(consumers);
        pipeline.Start();

        RingPublisher.PublishSequentially(ring, EventCount, [1, 3, 7, 16]);
        Assert.True(pipeline.Shutdown(Deadline), "pipeline did not drain");

        var expected = Enumerable.Range(0, EventCount).Select(i => (long)i).ToArray();
        foreach (var consumer in consumers)
        {
            Assert.Equal(0, consumer.Overflow);
            Assert.Equal(expected, consumer.Sequences.ToArray());
            Assert.Equal(expected, consumer.Values.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void ConsumerNeverSeesASlotBeforeTheConsumersItFollowsFinishedIt(ProducerType producerType)
    {
        var ring = CreateRing(producerType, 64);
        var a = new StampingHandler("a", (ref TestEvent e) => e.StageA = e.Value);
        var b = new StampingHandler("b", (ref TestEvent e) => e.StageB = e.Value);
        var violations = 0;
        var c = new StampingHandler("c", (ref TestEvent e) =>
        {
            if (e.StageA != e.Value || e.StageB != e.Value)
            {
                Interlocked.Increment(ref violations);
            }

            e.StageC = e.Value;
        });
        var d = new StampingHandler("d", (ref TestEvent e) =>
        {
            if (e.StageC != e.Value)
            {
                Interlocked.Increment(ref violations);
            }
        });

        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(a, b).Then(c).Then(d);
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, EventCount, [1, 5, 2, 32]);
        Assert.True(pipeline.Shutdown(Deadline), "pipeline did not drain");

        Assert.Equal(0, violations);
        Assert.Equal(EventCount, d.Count);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void ProducerNeverOverwritesASlotAConsumerHasNotFinished(ProducerType producerType)
    {
        var ring = CreateRing(producerType, 8);
        int overwritten = 0;
        int seen = 0;
        var slow = new StampingHandler("slow", (ref TestEvent e, long sequence) =>
        {
            long before = e.Sequence;

            // Hold the slot long enough that a producer lapping the ring would get to it.
            if (seen++ % 64 == 0)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(200);
            }

            if (before != sequence || e.Sequence != sequence)
            {
                Interlocked.Increment(ref overwritten);
            }
        });

        using var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(slow);
        pipeline.Start();
        int producers = producerType == ProducerType.Single ? 1 : 3;
        int perProducer = Math.Max(1, EventCount / 10 / producers);
        var threads = Enumerable.Range(0, producers)
            .Select(p => new Thread(() => RingPublisher.PublishSequentially(ring, perProducer, [1, 2, 3], p)))
            .ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            Assert.True(t.Join(Deadline), "producer did not finish");
        }

        Assert.True(pipeline.Shutdown(Deadline), "pipeline did not drain");
        Assert.Equal(0, overwritten);
        Assert.Equal(perProducer * producers, slow.Count);
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void TryNextReportsAFullRingInsteadOfWrapping(ProducerType producerType)
    {
        var gen =
            from sizeLog in Gen.Choose(0, 6)
            from claims in Gen.ListOf(Gen.Choose(1, 1 << sizeLog))
            from release in Gen.Choose(0, 1 << sizeLog)
            select (Size: 1 << sizeLog, Claims: claims.ToArray(), Release: release);

        Prop.ForAll(Arb.From(gen), c =>
        {
            var ring = new RingBuffer<TestEvent>(c.Size, CreateWaitStrategy(), producerType);
            var consumer = new Sequence();
            ring.AddGatingSequences(consumer);

            long claimed = 0;
            foreach (int n in c.Claims)
            {
                bool fits = claimed + n <= c.Size;
                bool ok = ring.TryNext(n, out long hi);
                if (ok != fits)
                {
                    return false;
                }

                if (ok)
                {
                    claimed += n;
                    if (hi != claimed - 1)
                    {
                        return false;
                    }

                    ring.Publish(hi - n + 1, hi);
                }
            }

            // Fill to the brim, then one more claim must fail, never wrap.
            while (ring.TryNext(out long s))
            {
                claimed++;
                ring.Publish(s);
            }

            if (claimed != c.Size || ring.RemainingCapacity != 0 || ring.TryNext(out _))
            {
                return false;
            }

            // Once the consumer finishes some slots, exactly that many can be claimed again.
            consumer.SetValue(c.Release - 1);
            int reclaimed = 0;
            while (ring.TryNext(out long s))
            {
                reclaimed++;
                ring.Publish(s);
            }

            return reclaimed == c.Release;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void ShutdownDrainsEverythingPublished(ProducerType producerType)
    {
        var ring = CreateRing(producerType, 1024);
        int handled = 0;
        var slowish = new StampingHandler("slowish", (ref TestEvent e) =>
        {
            Thread.SpinWait(50);
            handled++;
        });
        var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(slowish);
        pipeline.Start();

        int count = Math.Min(1000, EventCount);
        RingPublisher.PublishSequentially(ring, count, [4]);
        Assert.True(pipeline.Shutdown(Deadline), "pipeline did not drain");
        Assert.Equal(count, handled);
        Assert.All(pipeline.Consumers, c => Assert.False(c.IsRunning));
    }

    [Theory]
    [MemberData(nameof(ProducerTypes))]
    public void RandomProducersAndBatchSizesDeliverEveryEventOnceInEachProducersOrder(ProducerType producerType)
    {
        var gen =
            from producers in producerType == ProducerType.Single ? Gen.Constant(1) : Gen.Choose(1, 4)
            from batches in Gen.ListOf(Gen.Choose(1, 24)).Where(l => l.Count > 0)
            from perProducer in Gen.Choose(1, Math.Max(2, EventCount / 20))
            select (Producers: producers, Batches: batches.ToArray(), PerProducer: perProducer);

        Prop.ForAll(Arb.From(gen), c =>
        {
            var ring = CreateRing(producerType, 32);
            var checker = new ProducerOrderChecker(c.Producers);
            using var pipeline = new RingPipeline<TestEvent>(ring);
            pipeline.HandleEventsWith(checker);
            pipeline.Start();

            var threads = Enumerable.Range(0, c.Producers)
                .Select(p => new Thread(() => RingPublisher.PublishSequentially(ring, c.PerProducer, Rotate(c.Batches, p), p)))
                .ToArray();
            foreach (var t in threads)
            {
                t.Start();
            }

            foreach (var t in threads)
            {
                t.Join();
            }

            bool drained = pipeline.Shutdown(Deadline);
            return drained && checker.Violations == 0 && checker.Counts.All(n => n == c.PerProducer);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    /// <summary>Each producer starts at a different point of the batch-size cycle, so claims interleave unevenly.</summary>
    private static int[] Rotate(int[] values, int by)
    {
        var rotated = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            rotated[i] = values[(i + by) % values.Length];
        }

        return rotated;
    }
}

public sealed class BusySpinRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new BusySpinWaitStrategy();

    protected override int EventCount => 4_000;
}

public sealed class YieldingRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new YieldingWaitStrategy();
}

public sealed class SleepingRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new SleepingWaitStrategy();
}

public sealed class BlockingRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new BlockingWaitStrategy();
}

public sealed class BlockingWithTimeoutRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new BlockingWaitStrategy(TimeSpan.FromMilliseconds(5));
}

public sealed class PhasedBackoffRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new PhasedBackoffWaitStrategy();
}

// Phases so short that almost every wait parks: the park and the wake-up carry the contract.
public sealed class PhasedBackoffParkingRingContractTests : RingContract
{
    protected override IWaitStrategy CreateWaitStrategy() => new PhasedBackoffWaitStrategy(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(5));
}
