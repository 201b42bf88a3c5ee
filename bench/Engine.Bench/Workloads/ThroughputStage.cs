using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// A benchmark consumer: adds the value (and what an earlier stage wrote) into a running total,
/// so the work cannot be optimised away, and announces progress once per batch.
/// </summary>
public sealed class ThroughputStage(string name) : IEventHandler<ThroughputEvent>
{
    private long _handled;

    /// <inheritdoc/>
    public string Name => name;

    /// <summary>The running total.</summary>
    public long Sum { get; private set; }

    /// <summary>Events handled so far (updated at the end of each batch).</summary>
    public long Handled => Volatile.Read(ref _handled);

    private long _pending;
    private long _batches;

    /// <summary>Batches the consumer loop handed over so far (events over batches is the average batch size).</summary>
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
