using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// A topology over our ring: one preallocated ring, consumers on their own threads, producers
/// claiming and publishing one event at a time or a fixed number at once.
/// </summary>
public sealed class RingWorkload : IThroughputWorkload
{
    /// <summary>Slots in the ring of every topology.</summary>
    public const int RingSize = 1 << 16;
    private readonly RingBuffer<ThroughputEvent> _ring;
    private readonly RingPipeline<ThroughputEvent> _pipeline;
    private readonly ThroughputStage _last;
    private readonly int _producers;
    private readonly SemaphoreSlim[] _go;
    private readonly CountdownEvent _producersDone = new(1);
    private long _share;
    private long _firstShare;
    private volatile bool _disposed;

    /// <summary>
    /// Builds the topology with the given wait strategy. <paramref name="specialised"/> compiles
    /// each consumer's loop for its handler; false calls it through the interface. Producers claim
    /// and publish <paramref name="publishBatch"/> slots at a time.
    /// </summary>
    public RingWorkload(Topology topology, WaitStrategyKind waitStrategy, bool specialised = true, int publishBatch = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(publishBatch, 1);
        Topology = topology;
        WaitStrategy = waitStrategy;
        Specialised = specialised;
        PublishBatch = publishBatch;
        _producers = TopologyNames.ProducerThreads(topology);
        _go = Enumerable.Range(0, _producers).Select(_ => new SemaphoreSlim(0)).ToArray();
        _ring = new RingBuffer<ThroughputEvent>(RingSize, WaitStrategies.Create(waitStrategy), _producers > 1 ? ProducerType.Multi : ProducerType.Single);
        _pipeline = new RingPipeline<ThroughputEvent>(_ring, new RingPipelineOptions { SpecialiseHandlers = specialised });
        switch (topology)
        {
            case Topology.Pipeline:
                _last = new ThroughputStage("c3");
                _pipeline.HandleEventsWith(new ThroughputStage("c1")).Then(new ThroughputStage("c2")).Then(_last);
                break;
            case Topology.Diamond:
                _last = new ThroughputStage("c4");
                _pipeline.HandleEventsWith(new ThroughputStage("c1"), new ThroughputStage("c2"), new ThroughputStage("c3")).Then(_last);
                break;
            default:
                _last = new ThroughputStage("c1");
                _pipeline.HandleEventsWith(_last);
                break;
        }
    }

    /// <inheritdoc/>
    public string Transport => (Specialised ? "ring" : "ring-interface") + (PublishBatch > 1 ? $"-batch-{PublishBatch}" : string.Empty);

    /// <summary>True when the consumers' loops are compiled for their handlers.</summary>
    public bool Specialised { get; }

    /// <summary>Slots claimed and published at once.</summary>
    public int PublishBatch { get; }

    /// <inheritdoc/>
    public long Batches => _last.Batches;

    /// <inheritdoc/>
    public Topology Topology { get; }

    /// <summary>The consumers' wait strategy.</summary>
    public WaitStrategyKind WaitStrategy { get; }

    /// <inheritdoc/>
    public long Handled => _last.Handled;

    /// <inheritdoc/>
    public void Start()
    {
        _pipeline.Start();

        // Producers of the multi-producer topology are started once and released per run, so a
        // run allocates no threads.
        for (int p = 0; p < _producers && _producers > 1; p++)
        {
            var thread = new Thread(ProducerLoop) { IsBackground = true, Name = $"bench-producer-{p}" };
            thread.Start(p);
        }
    }

    /// <inheritdoc/>
    public void Run(long events)
    {
        long target = _last.Handled + events;
        if (_producers == 1)
        {
            Publish(_ring, events, PublishBatch);
        }
        else
        {
            Volatile.Write(ref _share, events / _producers);
            Volatile.Write(ref _firstShare, events - (_share * (_producers - 1)));
            _producersDone.Reset(_producers);
            foreach (var go in _go)
            {
                go.Release();
            }

            _producersDone.Wait();
        }

        var spinner = default(SpinWait);
        while (_last.Handled < target)
        {
            spinner.SpinOnce();
        }
    }

    private void ProducerLoop(object? state)
    {
        int index = (int)state!;
        while (true)
        {
            _go[index].Wait();
            if (_disposed)
            {
                return;
            }

            Publish(_ring, index == 0 ? Volatile.Read(ref _firstShare) : Volatile.Read(ref _share), PublishBatch);
            _producersDone.Signal();
        }
    }

    private static void Publish(RingBuffer<ThroughputEvent> ring, long count, int batch)
    {
        long i = 0;
        for (; batch > 1 && i + batch <= count; i += batch)
        {
            long hi = ring.Next(batch);
            long lo = hi - batch + 1;
            for (long sequence = lo; sequence <= hi; sequence++)
            {
                ref var slot = ref ring[sequence];
                slot.Value = i + sequence - lo;
                slot.Result = 0;
            }

            ring.Publish(lo, hi);
        }

        for (; i < count; i++)
        {
            long sequence = ring.Next();
            ref var slot = ref ring[sequence];
            slot.Value = i;
            slot.Result = 0;
            ring.Publish(sequence);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        foreach (var go in _go)
        {
            go.Release();
        }

        _pipeline.Halt();
        _producersDone.Dispose();
    }
}
