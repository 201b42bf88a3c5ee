using Engine.Ring;

namespace Engine.Tests.Ring;

public sealed class BatchEventProcessorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void LogAndContinueSkipsTheBadEventLogsItAndKeepsConsuming()
    {
        var ring = new RingBuffer<TestEvent>(16, new YieldingWaitStrategy());
        var log = new List<string>();
        var seen = new List<long>();
        var handler = new StampingHandler("picky", (ref TestEvent e) =>
        {
            if (e.Value == 3)
            {
                throw new InvalidOperationException("bad tick");
            }

            seen.Add(e.Value);
        });
        var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { ExceptionPolicy = ExceptionPolicy.LogAndContinue, Log = m => { lock (log) log.Add(m); } });
        pipeline.HandleEventsWith(handler);
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, 6);
        Assert.True(pipeline.Shutdown(Deadline));

        Assert.Equal([0L, 1, 2, 4, 5], seen);
        var message = Assert.Single(log);
        Assert.Contains("'picky'", message);
        Assert.Contains("sequence 3", message);
        Assert.Contains("bad tick", message);
        Assert.Equal(1, pipeline.Consumers.Single().SkippedEvents);
    }

    [Fact]
    public void HaltPolicyStopsTheConsumerAndReportsItFaultedNeverSilently()
    {
        var ring = new RingBuffer<TestEvent>(16, new YieldingWaitStrategy());
        var log = new List<string>();
        var faults = new List<(string, Exception)>();
        var handler = new StampingHandler("strict", (ref TestEvent e) =>
        {
            if (e.Value == 2)
            {
                throw new InvalidOperationException("corrupt");
            }
        });
        var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { ExceptionPolicy = ExceptionPolicy.Halt, Log = m => { lock (log) log.Add(m); } });
        pipeline.ConsumerFaulted += (name, ex) => { lock (faults) faults.Add((name, ex)); };
        pipeline.HandleEventsWith(handler);
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, 5);

        Await.Until(() => !pipeline.Consumers.Single().IsRunning, Deadline, () => "consumer kept running");
        Assert.False(pipeline.Shutdown(TimeSpan.FromSeconds(1)), "a halted consumer cannot drain");
        var status = pipeline.Consumers.Single();
        Assert.IsType<InvalidOperationException>(status.Fault);
        Assert.Equal(1, status.Sequence);
        Assert.Equal(2, handler.Count);
        var (name, exception) = Assert.Single(faults);
        Assert.Equal("strict", name);
        Assert.Equal("corrupt", exception.Message);
        Assert.Contains(log, m => m.Contains("halted on the event at sequence 2", StringComparison.Ordinal));
    }

    [Fact]
    public void LifecycleHooksRunOnTheConsumerThreadAroundEveryEvent()
    {
        var ring = new RingBuffer<TestEvent>(64, new YieldingWaitStrategy());
        var handler = new LifecycleHandler();
        var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { ThreadNamePrefix = "t-" });
        pipeline.HandleEventsWith(handler);
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, 100, [10]);
        Assert.True(pipeline.Shutdown(Deadline));

        Assert.Equal(["start", "shutdown"], handler.Lifecycle);
        Assert.Equal("t-lifecycle", handler.StartThread);
        Assert.Equal(100, handler.Events);
        Assert.Equal(100, handler.BatchSizes.Sum());
        Assert.Equal(handler.BatchSizes.Count, handler.EndOfBatchCount);
    }

    [Fact]
    public void BlockingWithTimeoutCallsOnTimeoutWhenIdle()
    {
        var ring = new RingBuffer<TestEvent>(16, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(2)));
        var handler = new LifecycleHandler();
        var pipeline = new RingPipeline<TestEvent>(ring);
        pipeline.HandleEventsWith(handler);
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, 3);
        Await.Until(() => handler.Timeouts > 2, Deadline, () => "no timeout callback");
        Assert.True(pipeline.Shutdown(Deadline));
        Assert.Equal(2, handler.LastTimeoutSequence);
    }

    [Fact]
    public void RunningTwiceIsAnError()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var processor = BatchEventProcessors.Create(ring, ring.NewBarrier(), new LifecycleHandler());
        var thread = new Thread(processor.Run);
        thread.Start();
        Await.Until(() => processor.IsRunning, Deadline, () => "never started");
        var error = Assert.Throws<InvalidOperationException>(processor.Run);
        Assert.Contains("already running", error.Message);
        processor.Halt();
        Assert.True(thread.Join(Deadline));
    }

    [Fact]
    public void FusedHandlersRunInOrderOnOneThreadAndAllShutDownEvenIfOneThrows()
    {
        var ring = new RingBuffer<TestEvent>(16);
        var order = new List<string>();
        var first = new StampingHandler("first", (ref TestEvent e) => order.Add("first"));
        var throwing = new ThrowingShutdownHandler();
        var last = new LifecycleHandler();
        var fused = new FusedEventHandler<TestEvent>(first, throwing, last);
        Assert.Equal("first+throwing+lifecycle", fused.Name);

        var log = new List<string>();
        var pipeline = new RingPipeline<TestEvent>(ring, new RingPipelineOptions { Log = m => { lock (log) log.Add(m); } });
        pipeline.HandleEventsWith(fused);
        pipeline.Start();
        RingPublisher.PublishSequentially(ring, 2);
        Assert.True(pipeline.Shutdown(Deadline));

        Assert.Equal(["first", "first"], order);
        Assert.Equal(2, last.Events);
        Assert.Equal(["start", "shutdown"], last.Lifecycle);
        Assert.Contains(log, m => m.Contains("failed while shutting down", StringComparison.Ordinal));
    }

    private sealed class ThrowingShutdownHandler : IEventHandler<TestEvent>
    {
        public string Name => "throwing";

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
        }

        public void OnShutdown() => throw new IOException("disk gone");
    }

    private sealed class LifecycleHandler : IEventHandler<TestEvent>
    {
        public string Name => "lifecycle";

        public List<string> Lifecycle { get; } = [];

        public List<long> BatchSizes { get; } = [];

        public string? StartThread { get; private set; }

        public int Events { get; private set; }

        public int EndOfBatchCount { get; private set; }

        public int Timeouts => Volatile.Read(ref _timeouts);

        public long LastTimeoutSequence { get; private set; } = -99;

        private int _timeouts;

        public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
        {
            Events++;
            if (endOfBatch)
            {
                EndOfBatchCount++;
            }
        }

        public void OnBatchStart(long batchSize) => BatchSizes.Add(batchSize);

        public void OnStart()
        {
            StartThread = Thread.CurrentThread.Name;
            Lifecycle.Add("start");
        }

        public void OnShutdown() => Lifecycle.Add("shutdown");

        public void OnTimeout(long sequence)
        {
            LastTimeoutSequence = sequence;
            Interlocked.Increment(ref _timeouts);
        }
    }
}
