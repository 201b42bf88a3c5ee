using System.Collections.Concurrent;

namespace Engine.Bench.Workloads;

/// <summary>1P-1C over a bounded <see cref="BlockingCollection{T}"/>, the classic .NET producer-consumer queue.</summary>
public sealed class BlockingCollectionWorkload : IThroughputWorkload
{
    private readonly BlockingCollection<long> _queue = new(new ConcurrentQueue<long>(), 1 << 16);
    private Thread? _consumer;
    private long _handled;

    /// <inheritdoc/>
    public string Transport => "blocking-collection";

    /// <inheritdoc/>
    public Topology Topology => Topology.Unicast;

    /// <inheritdoc/>
    public long Handled => Volatile.Read(ref _handled);

    /// <inheritdoc/>
    public void Start()
    {
        _consumer = new Thread(() =>
        {
            long sum = 0;
            foreach (long value in _queue.GetConsumingEnumerable())
            {
                sum += value;
                Volatile.Write(ref _handled, _handled + 1);
            }

            GC.KeepAlive(sum);
        })
        { IsBackground = true, Name = "bench-blocking-collection" };
        _consumer.Start();
    }

    /// <inheritdoc/>
    public void Run(long events)
    {
        long target = Handled + events;
        for (long i = 0; i < events; i++)
        {
            _queue.Add(i);
        }

        var spinner = default(SpinWait);
        while (Handled < target)
        {
            spinner.SpinOnce();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _consumer?.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
    }
}
