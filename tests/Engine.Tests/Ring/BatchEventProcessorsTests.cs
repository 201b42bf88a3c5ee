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

        // Fused public sealed stages become a chain of direct calls; one hidden stage keeps the fused handler whole.
        var fused = BatchEventProcessors.Create(ring, ring.NewBarrier(), new FusedEventHandler<TestEvent>("logic", new CountingStage("a"), new CountingStage("b"), new CountingStage("c")));
        var root = fused.GetType().GetGenericArguments()[1];
        Assert.Equal(typeof(FusedRoot<,>), root.GetGenericTypeDefinition());
        Assert.Equal(typeof(FusedLink<,,>), root.GetGenericArguments()[1].GetGenericTypeDefinition());
        Assert.Equal("logic", fused.Name);
        var mixed = BatchEventProcessors.Create(ring, ring.NewBarrier(), new FusedEventHandler<TestEvent>("mixed", new CountingStage("a"), new RecordingHandler("hidden", 4)));
        Assert.False(mixed.GetType().GetGenericArguments()[1].IsGenericType, "a fused handler with a hidden stage was chained");
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
            from fusedStages in Gen.Choose(1, 4)
            select (Size: 1 << sizeLog, Count: count, Claims: claims.ToArray(), Specialise: specialise, Fused: fusedStages);

        Prop.ForAll(Arb.From(gen), c =>
        {
            var ring = new RingBuffer<TestEvent>(c.Size, new YieldingWaitStrategy());
            // One stage alone, or several fused on one thread (each must see every event after the one before it).
            var stages = Enumerable.Range(0, c.Fused).Select(i => new CountingStage($"counting-{i}", stageIndex: i)).ToArray();
            IEventHandler<TestEvent> handler = stages.Length == 1 ? stages[0] : new FusedEventHandler<TestEvent>("fused", stages);
            var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { SpecialiseHandlers = c.Specialise });
            pipeline.HandleEventsWith(handler);
            pipeline.Start();
            RingPublisher.PublishSequentially(ring, c.Count, c.Claims);
            Assert.True(pipeline.Shutdown(Deadline), "pipeline did not drain");

            foreach (var stage in stages)
            {
                Assert.Equal(1, stage.Starts);
                Assert.Equal(1, stage.Shutdowns);
                Assert.Equal(c.Count, stage.Events);
                Assert.Equal(c.Count, stage.AnnouncedInBatches);
                Assert.Equal(stage.Batches, stage.EndsOfBatch);
                Assert.True(stage.InOrder, $"{stage.Name}: a sequence came out of order, with another's value, or before the stage ahead of it");
            }
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
    public sealed class CountingStage(string name, long failAt = -1, int stageIndex = 0) : IEventHandler<TestEvent>
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

            // Fused stages run in order: the one ahead has marked this event with its index.
            InOrder &= sequence == _next && data.Value == _next && data.Sequence == sequence && data.StageA == (stageIndex == 0 ? data.StageA : stageIndex - 1);
            data.StageA = stageIndex;
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
