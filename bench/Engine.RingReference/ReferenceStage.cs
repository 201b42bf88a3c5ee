using Disruptor;
using Engine.Bench.Workloads;

namespace Engine.RingReference;

/// <summary>
/// The reference's consumer, doing what <see cref="ThroughputStage"/> does on our ring: adds the
/// value into a running total, writes the result, counts its batches and announces progress once
/// per batch, so both rings carry the same work.
/// </summary>
public sealed class ReferenceStage : IValueEventHandler<ThroughputEvent>
{
    private long _handled;
    private long _pending;
    private long _batches;

    /// <summary>The running total.</summary>
    public long Sum { get; private set; }

    /// <summary>Events handled so far (updated at the end of each batch).</summary>
    public long Handled => Volatile.Read(ref _handled);

    /// <summary>Batches the reference's processor handed over so far.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <inheritdoc/>
    public void OnBatchStart(long batchSize) => _batches++;

    /// <inheritdoc/>
    public void OnEvent(ref ThroughputEvent data, long sequence, bool endOfBatch)
    {
        Sum += data.Value + data.Result;
        data.Result = data.Value;
        _pending++;
        if (endOfBatch)
        {
            Volatile.Write(ref _handled, _handled + _pending);
            _pending = 0;
        }
    }
}
