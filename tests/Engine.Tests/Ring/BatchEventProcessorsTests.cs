using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Ring;

public sealed class BatchEventProcessorsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void APublicSealedHandlerGetsALoopCompiledForItAndOthersTheInterfaceLoop()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var specialised = BatchEventProcessors.Create(ring, ring.NewBarrier(), new CountingStage("counting"));
        var hidden = BatchEventProcessors.Create(ring, ring.NewBarrier(), new RecordingHandler("hidden", 4));

        var handlerType = specialised.GetType().GetGenericArguments()[1];
        Assert.True(handlerType.IsValueType, $"expected a struct proxy, got {handlerType}");
        Assert.Equal("counting", specialised.Name);
        Assert.Equal(typeof(IEventHandler<TestEvent>), hidden.GetType().GetGenericArguments()[1]);
    }

    [Fact]
    public void TheSpecialisedLoopHandsOverEveryEventInOrderWithItsBatchesAndLifecycle()
    {
        // Random claim sizes and ring sizes: the proxied handler must see exactly what the
        // interface loop sees: every sequence once, in order, with its value, each batch
        // announced with its size and closed by endOfBatch, and one start and one shutdown.
        var gen =
            from sizeLog in Gen.Choose(1, 8)
            from count in Gen.Choose(0, 2_000)
            from claims in Gen.ListOf(Gen.Choose(1, 1 << sizeLog))
            from specialise in Gen.Elements(true, false)
            select (Size: 1 << sizeLog, Count: count, Claims: claims.ToArray(), Specialise: specialise);

        Prop.ForAll(Arb.From(gen), c =>
        {
            var ring = new RingBuffer<TestEvent>(c.Size, new YieldingWaitStrategy());
            var stage = new CountingStage("counting");
            var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { SpecialiseHandlers = c.Specialise });
            pipeline.HandleEventsWith(stage);
            pipeline.Start();
            RingPublisher.PublishSequentially(ring, c.Count, c.Claims);
            Assert.True(pipeline.Shutdown(Deadline), "pipeline did not drain");

            Assert.Equal(1, stage.Starts);
            Assert.Equal(1, stage.Shutdowns);
            Assert.Equal(c.Count, stage.Events);
            Assert.Equal(c.Count, stage.AnnouncedInBatches);
            Assert.Equal(stage.Batches, stage.EndsOfBatch);
            Assert.True(stage.InOrder, "a sequence came out of order or with another's value");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AFaultInASpecialisedHandlerIsReportedWithTheConsumersName()
    {
        var ring = new RingBuffer<TestEvent>(16, new YieldingWaitStrategy());
        var faults = new List<string>();
        var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { ExceptionPolicy = ExceptionPolicy.Halt, Log = _ => { } });
        pipeline.ConsumerFaulted += (name, _) => { lock (faults) faults.Add(name); };
        pipeline.HandleEventsWith(new CountingStage("fails-at-3", failAt: 3));
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, 6);

        // The fault report first: before its thread enters the loop a consumer is not running either.
        Await.Until(() => FaultCount(faults) == 1 && !pipeline.Consumers.Single().IsRunning, Deadline, () => "consumer kept running");
        var status = pipeline.Consumers.Single();
        Assert.Equal(2, status.Sequence);
        Assert.IsType<InvalidOperationException>(status.Fault);
        Assert.Equal(["fails-at-3"], faults);
        pipeline.Halt();
    }

    private static int FaultCount(List<string> faults)
    {
        lock (faults)
        {
            return faults.Count;
        }
    }

    /// <summary>Public and sealed, so the pipeline builds a struct proxy for it; one member is an explicit implementation.</summary>
    public sealed class CountingStage(string name, long failAt = -1) : IEventHandler<TestEvent>
    {
        private long _next;
        private long _pendingBatch;

        public string Name => name;

        public int Starts { get; private set; }

        public int Shutdowns { get; private set; }

        public long Events { get; private set; }

        public long Batches { get; private set; }

        public long EndsOfBatch { get; private set; }

        public long AnnouncedInBatches { get; private set; }

        public bool InOrder { get; private set; } = true;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            if (sequence == failAt)
            {
                throw new InvalidOperationException("failing on purpose");
            }

            InOrder &= sequence == _next && data.Value == _next && data.Sequence == sequence;
            _next++;
            Events++;
            _pendingBatch--;
            if (endOfBatch)
            {
                EndsOfBatch++;
                InOrder &= _pendingBatch == 0;
            }
        }

        public void OnBatchStart(long batchSize)
        {
            Batches++;
            AnnouncedInBatches += batchSize;
            InOrder &= _pendingBatch == 0;
            _pendingBatch = batchSize;
        }

        public void OnStart() => Starts++;

        void IEventHandler<TestEvent>.OnShutdown() => Shutdowns++;
    }
}
