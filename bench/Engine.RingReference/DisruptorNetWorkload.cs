using Disruptor;
using Disruptor.Dsl;
using Engine.Bench.Workloads;
using WaitStrategyKind = Engine.Ring.WaitStrategyKind;

namespace Engine.RingReference;

/// <summary>
/// 1P-1C over the reference implementation's value ring, built as its documentation builds one:
/// a <see cref="ValueDisruptor{T}"/> of struct slots with one handler on a thread of its own. The
/// producer claims and publishes one slot at a time or <see cref="PublishBatch"/> at once, exactly
/// as <see cref="RingWorkload"/> does on ours.
/// </summary>
public sealed class DisruptorNetWorkload : IThroughputWorkload
{
    /// <summary>Slots in the ring: as many as ours has.</summary>
    public const int RingSize = RingWorkload.RingSize;
    private readonly ValueDisruptor<ThroughputEvent> _disruptor;
    private readonly ReferenceStage _stage = new();
    private ValueRingBuffer<ThroughputEvent>? _ring;

    /// <summary>The reference's ring with its own wait strategy of the same kind as <paramref name="waitStrategy"/>.</summary>
    public DisruptorNetWorkload(WaitStrategyKind waitStrategy, int publishBatch = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(publishBatch, 1);
        PublishBatch = publishBatch;
        _disruptor = new ValueDisruptor<ThroughputEvent>(() => default, RingSize, TaskScheduler.Default, ProducerType.Single, ReferenceWaitStrategy(waitStrategy));
        _disruptor.HandleEventsWith(_stage);
    }

    /// <inheritdoc/>
    public string Transport => "disruptor-net" + (PublishBatch > 1 ? $"-batch-{PublishBatch}" : string.Empty);

    /// <summary>Slots claimed and published at once.</summary>
    public int PublishBatch { get; }

    /// <inheritdoc/>
    public Topology Topology => Topology.Unicast;

    /// <inheritdoc/>
    public long Handled => _stage.Handled;

    /// <inheritdoc/>
    public long Batches => _stage.Batches;

    /// <summary>The consumer's running total of the values it was handed.</summary>
    public long Sum => _stage.Sum;

    /// <summary>The reference's counterpart of our wait strategy; only the two that never park compare like for like.</summary>
    public static IWaitStrategy ReferenceWaitStrategy(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The comparison runs the busy-spin or the yielding wait strategy, which both rings have in the same form."),
    };

    /// <inheritdoc/>
    public void Start() => _ring = _disruptor.Start();

    /// <inheritdoc/>
    public void Run(long events)
    {
        var ring = _ring ?? throw new InvalidOperationException("Start the workload first.");
        long target = _stage.Handled + events;
        long i = 0;
        int batch = PublishBatch;
        for (; batch > 1 && i + batch <= events; i += batch)
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

        for (; i < events; i++)
        {
            long sequence = ring.Next();
            ref var slot = ref ring[sequence];
            slot.Value = i;
            slot.Result = 0;
            ring.Publish(sequence);
        }

        var spinner = default(SpinWait);
        while (_stage.Handled < target)
        {
            spinner.SpinOnce();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _disruptor.Halt();
}
