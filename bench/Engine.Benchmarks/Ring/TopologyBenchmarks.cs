using BenchmarkDotNet.Attributes;
using Engine.Bench.Workloads;
using Engine.Ring;

namespace Engine.Benchmarks.Ring;

/// <summary>
/// One topology over the ring and over a bounded channel, in the same run; the channel is the
/// baseline, so the Ratio column reads "channel time / ring time" inverted (lower is better for the ring).
/// Each invocation moves <see cref="Events"/> events from the producers to the last consumer.
/// </summary>
[MemoryDiagnoser]
public abstract class TopologyBenchmarks
{
    /// <summary>Events per invocation.</summary>
    protected const int Events = 1_000_000;

    private IThroughputWorkload? _workload;

    /// <summary>The topology under test.</summary>
    protected abstract Topology Topology { get; }

    /// <summary>The ring's wait strategy: the default the engine would choose on this machine.</summary>
    protected WaitStrategyKind RingWaitStrategy => WaitStrategyChoice.ForMachine(
        Environment.ProcessorCount, TopologyNames.ConsumerThreads(Topology), TopologyNames.ProducerThreads(Topology)).Kind;

    /// <summary>Starts the ring workload.</summary>
    [GlobalSetup(Target = nameof(Ring))]
    public void SetUpRing() => Start(new RingWorkload(Topology, RingWaitStrategy));

    /// <summary>Starts the channel workload.</summary>
    [GlobalSetup(Target = nameof(Channel))]
    public void SetUpChannel() => Start(new ChannelWorkload(Topology));

    /// <summary>Stops whichever workload ran.</summary>
    [GlobalCleanup]
    public void TearDown() => _workload?.Dispose();

    /// <summary>Our ring.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public void Ring() => _workload!.Run(Events);

    /// <summary>Bounded <see cref="System.Threading.Channels.Channel{T}"/>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public void Channel() => _workload!.Run(Events);

    /// <summary>Starts a workload and keeps it for the benchmark.</summary>
    protected void Start(IThroughputWorkload workload)
    {
        _workload = workload;
        workload.Start();
    }

    /// <summary>Runs the kept workload.</summary>
    protected void RunWorkload() => _workload!.Run(Events);
}
