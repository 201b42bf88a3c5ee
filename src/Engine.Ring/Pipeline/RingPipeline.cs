using System.Diagnostics;

namespace Engine.Ring;

/// <summary>
/// Wires consumers into a dependency graph over one ring, starts each on its own (optionally
/// pinned) thread, and stops them in order: drain what was published, then halt. A thin layer:
/// everything it does can be done by hand with barriers and processors.
/// </summary>
public sealed class RingPipeline<T> : IDisposable
    where T : struct
{
    private readonly RingPipelineOptions _options;
    private readonly List<Consumer> _consumers = [];
    private readonly object _lifecycleLock = new();
    private bool _started;

    /// <summary>Creates an empty pipeline over <paramref name="ringBuffer"/>.</summary>
    public RingPipeline(RingBuffer<T> ringBuffer, RingPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        RingBuffer = ringBuffer;
        _options = options ?? new RingPipelineOptions();
    }

    /// <summary>The ring.</summary>
    public RingBuffer<T> RingBuffer { get; }

    /// <summary>The placement the pipeline started with; null before <see cref="Start"/>.</summary>
    public PlacementReport? Placement { get; private set; }

    /// <summary>Raised (on the consumer's thread) when a consumer halts on an exception.</summary>
    public event Action<string, Exception>? ConsumerFaulted;

    /// <summary>Adds consumers that read straight behind the producer, each on its own thread.</summary>
    public EventHandlerGroup<T> HandleEventsWith(params IEventHandler<T>[] handlers) => AddConsumers([], [], handlers);

    /// <summary>The group of consumers already added for <paramref name="handlers"/>, to chain more after them.</summary>
    public EventHandlerGroup<T> After(params IEventHandler<T>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var found = handlers.Select(h => _consumers.FirstOrDefault(c => ReferenceEquals(c.Handler, h))
            ?? throw new ArgumentException($"Handler '{h.Name}' is not part of this pipeline.", nameof(handlers))).ToArray();
        return new EventHandlerGroup<T>(this, found.Select(c => c.Processor.Sequence).ToArray(), found.Select(c => c.Processor.Name).ToArray());
    }

    /// <summary>The progress of every consumer now.</summary>
    public IReadOnlyList<ConsumerStatus> Consumers
    {
        get
        {
            long cursor = RingBuffer.Cursor;
            return _consumers.Select(c =>
            {
                long sequence = c.Processor.Sequence.Value;
                long skipped = c.ExceptionHandler is LogAndContinueExceptionHandler<T> log ? log.EventFailures : 0;
                return new ConsumerStatus(c.Processor.Name, sequence, Math.Max(0, cursor - sequence), c.Processor.IsRunning, c.Processor.Fault, skipped);
            }).ToArray();
        }
    }

    /// <summary>Asks every consumer to note its thread's allocated bytes after its next batch (see <see cref="ConsumerAllocations"/>).</summary>
    public void RequestAllocationSamples()
    {
        foreach (var consumer in _consumers)
        {
            consumer.Processor.RequestAllocationSample();
        }
    }

    /// <summary>Each consumer thread's allocated bytes at its last sample, so a caller can tell which thread allocates.</summary>
    public IReadOnlyList<ConsumerAllocation> ConsumerAllocations =>
        _consumers.Select(c => new ConsumerAllocation(c.Processor.Name, c.Processor.AllocationSample.AllocatedBytes, c.Processor.AllocationSample.Samples)).ToArray();

    /// <summary>How far the slowest consumer is behind the producer, in events.</summary>
    public long Lag
    {
        get
        {
            long cursor = RingBuffer.Cursor;
            long slowest = cursor;
            foreach (var consumer in _consumers)
            {
                slowest = Math.Min(slowest, consumer.Processor.Sequence.Value);
            }

            return cursor - slowest;
        }
    }

    internal EventHandlerGroup<T> AddConsumers(Sequence[] gatingOn, IReadOnlyList<string> gatingNames, IEventHandler<T>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        lock (_lifecycleLock)
        {
            if (_started)
            {
                throw new InvalidOperationException("Consumers must be added before the pipeline starts.");
            }

            var barrier = RingBuffer.NewBarrier(gatingOn);
            var added = new List<Consumer>(handlers.Length);
            foreach (var handler in handlers)
            {
                ArgumentNullException.ThrowIfNull(handler);
                if (_consumers.Any(c => ReferenceEquals(c.Handler, handler)))
                {
                    throw new ArgumentException($"Handler '{handler.Name}' is already part of this pipeline; a handler can run on one consumer only.", nameof(handlers));
                }

                IExceptionHandler<T> exceptionHandler = _options.ExceptionPolicy == ExceptionPolicy.Halt
                    ? new HaltOnExceptionHandler<T>(handler.Name, _options.Log)
                    : new LogAndContinueExceptionHandler<T>(handler.Name, _options.Log);
                IEventProcessor processor = _options.SpecialiseHandlers
                    ? BatchEventProcessors.Create(RingBuffer, barrier, handler, exceptionHandler)
                    : BatchEventProcessors.Interface(RingBuffer, barrier, handler, exceptionHandler);
                processor.Faulted += (p, ex) => ConsumerFaulted?.Invoke(p.Name, ex);
                var consumer = new Consumer(handler, processor, exceptionHandler, gatingNames);
                added.Add(consumer);
            }

            // Consumers that others now follow are no longer the end of the chain: the producer
            // need only gate on the last consumers, which can never be ahead of the earlier ones.
            foreach (var consumer in _consumers)
            {
                if (gatingOn.Contains(consumer.Processor.Sequence))
                {
                    consumer.IsEndOfChain = false;
                }
            }

            _consumers.AddRange(added);
            return new EventHandlerGroup<T>(this, added.Select(c => c.Processor.Sequence).ToArray(), added.Select(c => c.Processor.Name).ToArray());
        }
    }

    /// <summary>
    /// Starts one thread per consumer and returns once every thread runs. <paramref name="cores"/>
    /// maps consumer names to the core each should be pinned to; unnamed consumers run unpinned.
    /// </summary>
    public PlacementReport Start(IReadOnlyDictionary<string, int>? cores = null)
    {
        lock (_lifecycleLock)
        {
            if (_started)
            {
                throw new InvalidOperationException("The pipeline is already started.");
            }

            if (_consumers.Count == 0)
            {
                throw new InvalidOperationException("The pipeline has no consumers.");
            }

            _started = true;
            var warnings = new List<string>();
            if (cores is not null)
            {
                foreach (var name in cores.Keys.Where(n => _consumers.All(c => c.Processor.Name != n)))
                {
                    warnings.Add($"placement names a consumer '{name}' that does not exist (consumers: {string.Join(", ", _consumers.Select(c => c.Processor.Name))})");
                }
            }

            long cursor = RingBuffer.Cursor;
            foreach (var consumer in _consumers.Where(c => !c.IsEndOfChain))
            {
                consumer.Processor.Sequence.SetValue(cursor);
            }

            RingBuffer.AddGatingSequences(_consumers.Where(c => c.IsEndOfChain).Select(c => c.Processor.Sequence).ToArray());

            using var started = new CountdownEvent(_consumers.Count);
            var placements = new ThreadPlacement[_consumers.Count];
            var pinWarnings = new string?[_consumers.Count];
            for (int i = 0; i < _consumers.Count; i++)
            {
                var consumer = _consumers[i];
                int index = i;
                int? core = cores is not null && cores.TryGetValue(consumer.Processor.Name, out int c) ? c : null;
                string threadName = _options.ThreadNamePrefix + consumer.Processor.Name;
                consumer.Thread = new Thread(() =>
                {
                    bool pinned = false;
                    if (core is { } requested)
                    {
                        pinned = CpuAffinity.TryPinCurrentThread(requested, out string? reason);
                        if (!pinned)
                        {
                            pinWarnings[index] = $"consumer '{consumer.Processor.Name}': {reason}";
                        }
                    }

                    placements[index] = new ThreadPlacement(consumer.Processor.Name, threadName, core, pinned, consumer.GatesOn);
                    started.Signal();
                    consumer.Processor.Run();
                })
                {
                    Name = threadName,
                    IsBackground = true,
                };
                consumer.Thread.Start();
            }

            started.Wait();
            warnings.AddRange(pinWarnings.Where(w => w is not null)!);
            Placement = new PlacementReport(RingBuffer.BufferSize, RingBuffer.ProducerType, RingBuffer.WaitStrategy.Name, _options.WaitStrategyReason, placements, warnings);
            return Placement;
        }
    }

    /// <summary>
    /// Waits until every consumer has finished everything published so far, then halts them all and
    /// joins their threads. Returns false if that did not happen within <paramref name="timeout"/>
    /// (a consumer halted on a fault, or is stuck); the consumers are halted either way.
    /// </summary>
    public bool Shutdown(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        bool drained = WaitUntilDrained(timeout);
        Halt(timeout - deadline.Elapsed);
        return drained;
    }

    /// <summary>Waits until every running consumer has caught up with the producer cursor.</summary>
    public bool WaitUntilDrained(TimeSpan timeout)
    {
        // A timestamp rather than a Stopwatch: callers wait for a drain inside allocation-free loops.
        long started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (true)
        {
            long cursor = RingBuffer.Cursor;
            bool caughtUp = true;
            foreach (var consumer in _consumers)
            {
                if (consumer.Processor.Sequence.Value < cursor)
                {
                    // A faulted, dead or never-started consumer will not catch up: say so now rather than at the timeout.
                    if (consumer.Processor.Fault is not null || !_started || consumer.Thread is { IsAlive: false })
                    {
                        return false;
                    }

                    caughtUp = false;
                }
            }

            if (caughtUp)
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>Halts every consumer after the event in hand and waits for their threads to end; false if one was still running at the timeout.</summary>
    public bool Halt(TimeSpan? joinTimeout = null)
    {
        foreach (var consumer in _consumers)
        {
            consumer.Processor.Halt();
        }

        var deadline = Stopwatch.StartNew();
        var limit = joinTimeout is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(10);
        bool joined = true;
        foreach (var consumer in _consumers)
        {
            var remaining = limit - deadline.Elapsed;
            joined &= consumer.Thread?.Join(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) ?? true;
        }

        return joined;
    }

    /// <summary>Halts the consumers.</summary>
    public void Dispose() => _ = Halt();

    private sealed class Consumer(IEventHandler<T> handler, IEventProcessor processor, IExceptionHandler<T> exceptionHandler, IReadOnlyList<string> gatesOn)
    {
        public IEventHandler<T> Handler { get; } = handler;

        public IEventProcessor Processor { get; } = processor;

        public IExceptionHandler<T> ExceptionHandler { get; } = exceptionHandler;

        public IReadOnlyList<string> GatesOn { get; } = gatesOn;

        public bool IsEndOfChain { get; set; } = true;

        public Thread? Thread { get; set; }
    }
}
