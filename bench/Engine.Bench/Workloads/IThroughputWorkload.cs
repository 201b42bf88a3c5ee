namespace Engine.Bench.Workloads;

/// <summary>
/// One topology over one transport (our ring, a bounded channel, a blocking collection): started
/// once, then asked to move a number of events from its producers to its last consumer.
/// </summary>
public interface IThroughputWorkload : IDisposable
{
    /// <summary>The transport: <c>ring</c>, <c>channel</c> or <c>blocking-collection</c>.</summary>
    string Transport { get; }

    /// <summary>The consumer graph.</summary>
    Topology Topology { get; }

    /// <summary>Starts the consumers.</summary>
    void Start();

    /// <summary>Publishes <paramref name="events"/> events and returns once the last consumer has handled every one.</summary>
    void Run(long events);

    /// <summary>Events the last consumer handled since start; checked against what was published.</summary>
    long Handled { get; }

    /// <summary>Batches the last consumer was handed since start, where the transport has batches; 0 otherwise.</summary>
    long Batches => 0;
}
