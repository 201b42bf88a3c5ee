using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Core.Routing;
using Engine.Ring;

namespace Engine.Core.Pipeline;

/// <summary>
/// The engine's ring and its stages in their fixed order: signals (indicators and strategies),
/// risk (the gate; the order tracker: states, fills, positions, square-off; and the risk monitor:
/// trading state and snapshots; these three share the account, so always one thread), an optional check (the
/// replay verifier or a latency probe), the journal, the router. The
/// router comes after the journal, on the same thread or gated on the journal's sequence, so
/// nothing leaves the process before the input and the decisions it caused are journaled; the
/// journal comes after the decisions, so one writer records each input and its outputs together.
/// The same composition runs live, against the simulator, in a replay and in the benchmark.
/// </summary>
/// <remarks>
/// A stage that throws halts the pipeline (fail-stop): an event whose decisions could not be made
/// or journaled never reaches the router, and the host shuts down with the fault.
/// </remarks>
public sealed class TradingPipeline : IDisposable
{
    private readonly RingPipeline<RingEvent> _pipeline;
    private readonly TradingPipelineOptions _options;

    /// <summary>Builds the ring and the consumer graph; nothing runs until <see cref="Start"/>.</summary>
    public TradingPipeline(TradingPipelineOptions options, SignalStage signals, RiskGate risk, OrderTracker orders, OrderRouter router, IEventHandler<RingEvent>? journal = null, IEventHandler<RingEvent>? check = null, RiskMonitor? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(router);
        _options = options;
        Signals = signals;
        Risk = risk;
        Orders = orders;
        Router = router;
        Monitor = monitor ?? new RiskMonitor(risk.Context, orders.RequestFlatten);
        Ring = new RingBuffer<RingEvent>(options.RingSize, options.WaitStrategy, options.ProducerType);
        _pipeline = new RingPipeline<RingEvent>(Ring, new RingPipelineOptions
        {
            ExceptionPolicy = ExceptionPolicy.Halt,
            Log = options.Log,
            WaitStrategyReason = options.WaitStrategyReason,
            ThreadNamePrefix = "engine-",
        });
        _pipeline.ConsumerFaulted += (name, exception) => Faulted?.Invoke(name, exception);

        // The gate, the tracker and the monitor share the account and the risk context: one
        // thread, so with a thread per stage they are one stage.
        var decide = new List<IEventHandler<RingEvent>> { signals };
        if (options.Placement is PipelinePlacement.Fused or PipelinePlacement.Staged)
        {
            decide.AddRange([risk, orders, Monitor]);
        }
        else
        {
            decide.Add(new FusedEventHandler<RingEvent>("risk", [risk, orders, Monitor]));
        }
        if (check is not null)
        {
            decide.Add(check);
        }

        var act = new List<IEventHandler<RingEvent>>();
        if (journal is not null)
        {
            act.Add(journal);
        }

        act.Add(router);
        switch (options.Placement)
        {
            case PipelinePlacement.Fused:
                _pipeline.HandleEventsWith(new FusedEventHandler<RingEvent>("logic", [.. decide, .. act]));
                break;
            case PipelinePlacement.Staged:
                var group = _pipeline.HandleEventsWith(new FusedEventHandler<RingEvent>("logic", [.. decide]));
                foreach (var stage in act)
                {
                    group = group.Then(stage);
                }

                break;
            default:
                EventHandlerGroup<RingEvent>? chain = null;
                foreach (var stage in decide.Concat(act))
                {
                    chain = chain is null ? _pipeline.HandleEventsWith(stage) : chain.Then(stage);
                }

                break;
        }
    }

    /// <summary>The ring producers publish into.</summary>
    public RingBuffer<RingEvent> Ring { get; }

    /// <summary>The signals stage.</summary>
    public SignalStage Signals { get; }

    /// <summary>The risk gate.</summary>
    public RiskGate Risk { get; }

    /// <summary>The order tracker (orders, fills, positions).</summary>
    public OrderTracker Orders { get; }

    /// <summary>The router.</summary>
    public OrderRouter Router { get; }

    /// <summary>The risk monitor (trading state, snapshots, distances).</summary>
    public RiskMonitor Monitor { get; }

    /// <summary>The thread names this placement uses (the keys <see cref="TradingPipelineOptions.Cores"/> may name).</summary>
    public static IReadOnlyList<string> ThreadNames(PipelinePlacement placement, bool withJournal = true) => placement switch
    {
        PipelinePlacement.Fused => ["logic"],
        PipelinePlacement.Staged => withJournal ? ["logic", "journal", "router"] : ["logic", "router"],
        _ => withJournal ? ["signals", "risk", "journal", "router"] : ["signals", "risk", "router"],
    };

    /// <summary>Raised on the faulting consumer's thread when a stage throws (the pipeline halts).</summary>
    public event Action<string, Exception>? Faulted;

    /// <summary>The placement, once started.</summary>
    public PlacementReport? Placement => _pipeline.Placement;

    /// <summary>How far the slowest stage is behind the producers.</summary>
    public long Lag => _pipeline.Lag;

    /// <summary>Each consumer's state.</summary>
    public IReadOnlyList<ConsumerStatus> Consumers => _pipeline.Consumers;

    /// <inheritdoc cref="RingPipeline{T}.RequestAllocationSamples"/>
    public void RequestAllocationSamples() => _pipeline.RequestAllocationSamples();

    /// <inheritdoc cref="RingPipeline{T}.ConsumerAllocations"/>
    public IReadOnlyList<ConsumerAllocation> ConsumerAllocations => _pipeline.ConsumerAllocations;

    /// <summary>Starts the stage threads in the configured placement.</summary>
    public PlacementReport Start() => _pipeline.Start(_options.Cores);

    /// <summary>Waits for every stage to finish what was published, then stops them (their shutdown hooks flush the journal).</summary>
    public bool Shutdown(TimeSpan timeout) => _pipeline.Shutdown(timeout);

    /// <summary>Waits until every stage has finished what was published so far, without stopping.</summary>
    public bool WaitUntilDrained(TimeSpan timeout) => _pipeline.WaitUntilDrained(timeout);

    /// <summary>Halts the stages and, once their threads have ended, gives the slots' text buffers back.</summary>
    public void Dispose()
    {
        // A stage still running past the timeout may yet read a slot's text, so its buffers stay.
        if (_pipeline.Halt())
        {
            for (long i = 0; i < Ring.BufferSize; i++)
            {
                Ring[i].ReleaseText();
            }
        }
    }
}
