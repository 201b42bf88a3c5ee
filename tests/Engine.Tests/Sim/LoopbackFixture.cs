using Engine.Core.Inputs;
using Engine.Core.Events;
using Engine.Kite.Ticker;
using Engine.Ring;
using Engine.Sim;
using Engine.Tests.Kite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Sim;

/// <summary>A simulator on a free loopback port and a ticker client publishing into a real ring, torn down together.</summary>
internal sealed class LoopbackFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly RingPipeline<RingEvent> _pipeline;

    private LoopbackFixture(KiteSimulator simulator, KiteTicker ticker, RingPipeline<RingEvent> pipeline, CollectingHandler collected)
    {
        Simulator = simulator;
        Ticker = ticker;
        _pipeline = pipeline;
        Collected = collected;
    }

    public KiteSimulator Simulator { get; }

    public KiteTicker Ticker { get; }

    public CollectingHandler Collected { get; }

    public Task? Running { get; private set; }

    public static async Task<LoopbackFixture> StartAsync(SimulatorOptions? simulatorOptions = null, Func<KiteSimulator, KiteTickerOptions>? tickerOptions = null)
    {
        var options = simulatorOptions ?? new SimulatorOptions();
        options = new SimulatorOptions
        {
            Port = 0,
            ApiKey = options.ApiKey,
            AccessToken = options.AccessToken,
            Seed = options.Seed,
            TicksPerSecond = options.TicksPerSecond,
            InstrumentsFile = Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv"),
            StartTime = options.StartTime ?? TestSimulator.Start,
            HeartbeatInterval = options.HeartbeatInterval,
            DropAfterFrames = options.DropAfterFrames,
            RecordSentTicks = true,
        };
        var simulator = await KiteSimulator.StartAsync(options, NullLoggerFactory.Instance);
        var ring = new RingBuffer<RingEvent>(1 << 14, new YieldingWaitStrategy(), ProducerType.Multi);
        var collected = new CollectingHandler();
        var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(collected);
        pipeline.Start();
        var counters = new TickerCounters();
        var tickerConfig = tickerOptions?.Invoke(simulator) ?? new KiteTickerOptions
        {
            Url = simulator.WebSocketUrl,
            ApiKey = options.ApiKey,
            AccessToken = options.AccessToken,
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
            SilenceTimeout = TimeSpan.FromSeconds(2),
        };
        var ticker = new KiteTicker(tickerConfig, new RingTickerSink(new InputPublisher(ring), counters, NullLogger.Instance), NullLogger.Instance, counters);
        return new LoopbackFixture(simulator, ticker, pipeline, collected);
    }

    public void Run() => Running = Ticker.RunAsync(_stop.Token);

    public void WaitFor(Func<bool> condition, string what, double seconds = 30) =>
        Engine.Tests.Ring.Await.Until(condition, TimeSpan.FromSeconds(seconds), () => what);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Running is not null)
        {
            try
            {
                await Running;
            }
            catch (TickerRejectedException)
            {
            }
        }

        await Ticker.DisposeAsync();
        _pipeline.Shutdown(TimeSpan.FromSeconds(5));
        await Simulator.DisposeAsync();
        _stop.Dispose();
    }
}
