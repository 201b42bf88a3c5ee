using Engine.Host.Configuration;
using Engine.Host.Running;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Market;
using Engine.Core.Pipeline;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal.Writing;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using Engine.Sim.Market;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Running;

/// <summary>
/// The engine's pipeline composed as <c>engine run</c> composes it (strategies from the test
/// configuration, risk gate, journaller, router), fed through the live ticker's sink with frames of
/// simulated full-mode ticks, one tick per instrument per frame, a millisecond apart (0.6 market
/// seconds at 600x).
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly TestEngineConfig _config;
    private readonly InstrumentModel[] _models;
    private readonly Tick[] _ticks;
    private readonly byte[] _frame;
    private readonly RingTickerSink _sink;
    private readonly long _wallStart;
    private long _frames;

    public EngineHarness(IOrderGateway gateway, PipelinePlacement placement = PipelinePlacement.Fused, int ringSize = 1024, bool stampStages = false)
    {
        _config = new TestEngineConfig();
        var config = EngineConfigLoader.Load(_config.File, StrategyRegistry.CreateWithBuiltins());
        Writer = JournalWriter.Open(new JournalWriterOptions { Folder = _config.Journal, Durability = DurabilityMode.Batch, SegmentBytes = 512L << 20 });
        _wallStart = UnixTime.NowNanoseconds();
        Run = RunDefinition.FromConfig(config, EngineRun.SimClock(config, _wallStart));
        long sequenceBase = Writer.LastSequence + 1;
        SessionRecords.Write(Writer, Run, sequenceBase, _wallStart);

        var wait = new YieldingWaitStrategy();
        Composition = EngineComposition.Build(
            Run,
            StrategyRegistry.CreateWithBuiltins(),
            new TradingPipelineOptions
            {
                RingSize = ringSize,
                ProducerType = ProducerType.Multi,
                WaitStrategy = wait,
                WaitStrategyReason = "test",
                Placement = placement,
                Cores = new Dictionary<string, int>(),
            },
            gateway,
            reasons => Journaller = new RingJournaller(Writer, reasons));
        Composition.Pipeline.Start();

        Inputs = new InputPublisher(Pipeline.Ring, sequenceBase, stampStages);
        Inputs.PublishTimer(TimerKind.Open, Run.Clock.MarketStartNs, _wallStart);
        _sink = new RingTickerSink(Inputs, new TickerCounters(), NullLogger.Instance);
        _models = Run.Instruments.Select(i => new InstrumentModel(i, 7, 5)).ToArray();
        _ticks = new Tick[_models.Length];
        _frame = new byte[_models.Length * 200 + 2];
    }

    public JournalWriter Writer { get; }

    public RingJournaller? Journaller { get; private set; }

    public RunDefinition Run { get; }

    public EngineComposition Composition { get; }

    public TradingPipeline Pipeline => Composition.Pipeline;

    public InputPublisher Inputs { get; }

    public string JournalFolder => _config.Journal;

    public int TicksPerFrame => _models.Length;

    /// <summary>Publishes <paramref name="frames"/> frames through the ticker sink; allocation-free.</summary>
    public void Publish(int frames)
    {
        for (int f = 0; f < frames; f++)
        {
            long received = _wallStart + ((_frames + 1) * 1_000_000);
            long marketSeconds = Run.Clock.ToMarket(received) / 1_000_000_000;
            for (int i = 0; i < _models.Length; i++)
            {
                _models[i].Step(marketSeconds, ref _ticks[i]);
            }

            int length = TickEncoder.EncodeFrame(_ticks, _frame);
            _sink.OnBinaryFrame(_frame.AsSpan(0, length), 0, _frames, received);
            _frames++;
        }
    }

    /// <summary>Waits (without allocating) until every stage has handled everything published.</summary>
    public void Drain()
    {
        Assert.True(Pipeline.WaitUntilDrained(TimeSpan.FromSeconds(60)), "the pipeline did not drain");
    }

    /// <summary>
    /// Each consumer thread's allocated bytes, counted by the thread itself after a frame published
    /// for the purpose (its work belongs to the window before the sample).
    /// </summary>
    public Dictionary<string, long> SampleConsumerAllocations()
    {
        // A consumer samples where it stands when it reads the request; drained first, that is at
        // the frame published for the sample and not somewhere behind it.
        Drain();
        var before = Pipeline.ConsumerAllocations.ToDictionary(c => c.Name, c => c.Samples);
        Pipeline.RequestAllocationSamples();
        Publish(1);
        Drain();
        Ring.Await.Until(() => Pipeline.ConsumerAllocations.All(c => c.Samples > before[c.Name]), TimeSpan.FromSeconds(30), () => "every consumer's allocation sample");
        return Pipeline.ConsumerAllocations.ToDictionary(c => c.Name, c => c.AllocatedBytes);
    }

    public void Dispose()
    {
        Pipeline.Shutdown(TimeSpan.FromSeconds(10));
        Composition.Dispose();
        Writer.Dispose();
        _config.Dispose();
    }
}
