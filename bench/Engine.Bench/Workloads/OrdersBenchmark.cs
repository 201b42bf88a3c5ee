using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Orders;
using Engine.Core.Pipeline;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Host.Configuration;
using Engine.Host.Gateways;
using Engine.Host.Running;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Kite.Rest;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using Engine.Sim;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Bench.Workloads;

/// <summary>
/// <c>engine bench orders</c>: orders through the REST gateway to the simulator over loopback
/// (the hand-off to the answer in the ring, the HTTP round trip, and a plain GET to the same server
/// in the same run as the baseline), what the broker's 10 orders a second do to a burst and to a
/// rate above it (HTTP 429, never retried), and tick-to-order through the whole pipeline with the
/// paper broker.
/// </summary>
public sealed class OrdersBenchmark(OrdersBenchmarkOptions options, Action<string> progress)
{
    /// <summary>Runs the benchmark.</summary>
    public async Task<OrdersBenchmarkResult> RunAsync()
    {
        var rest = await RestAsync().ConfigureAwait(false);

        // The simulator and the REST gateway are gone: the paper part has the machine to itself.
        progress("orders: tick-to-order through the pipeline with the paper broker (paced replay)...");
        var paper = PaperTickToOrder();
        return rest with
        {
            PaperOrders = paper.Orders,
            PaperTickToOrderP50Ns = paper.P50,
            PaperTickToOrderP99Ns = paper.P99,
            PaperTicks = paper.Ticks,
            NullGatewayOrders = paper.BaselineOrders,
            NullGatewayTickToOrderP50Ns = paper.BaselineP50,
            NullGatewayTickToOrderP99Ns = paper.BaselineP99,
        };
    }

    private async Task<OrdersBenchmarkResult> RestAsync()
    {
        await using var simulator = await KiteSimulator.StartAsync(
            new SimulatorOptions { Port = 0, TicksPerSecond = 20, InstrumentsFile = options.InstrumentsFile, Exchange = new Sim.Exchange.SimExchangeOptions { Capital = 1e12m } },
            NullLoggerFactory.Instance).ConfigureAwait(false);
        while (!simulator.Exchange.TryGetMarket(simulator.Instruments[0].InstrumentToken, out _))
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        var ring = new RingBuffer<RingEvent>(1024, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(10)), ProducerType.Multi);
        var answers = new AnswerTimes();
        using var consumers = new RingPipeline<RingEvent>(ring);
        consumers.HandleEventsWith(answers);
        consumers.Start();
        var restOptions = new KiteRestOptions { BaseUrl = simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token" };
        await using var gateway = new RestOrderGateway(new KiteRestClient(restOptions), simulator.Instruments, new RestGatewayOptions(), NullLogger.Instance);
        gateway.Start(new InputPublisher(ring));
        var instrument = simulator.Instruments[0];
        ulong nextId = 16;
        OrderRequest Order() => new()
        {
            ClientOrderId = nextId += 16,
            Action = OrderAction.Place,
            InstrumentToken = instrument.InstrumentToken,
            Side = Side.Buy,
            OrderType = OrderType.Market,
            Product = Product.Mis,
            Validity = Validity.Day,
            MarketProtection = -1,
            Quantity = 1,
        };

        // The baseline: the same server's cheapest authenticated GET, in the same run.
        using var plain = new KiteRestClient(restOptions);
        var get = new List<double>();
        for (int i = 0; i < options.PacedOrders + 5; i++)
        {
            var margins = await plain.GetMarginsAsync().ConfigureAwait(false);
            if (i >= 5)
            {
                get.Add(margins.Latency.TotalNanoseconds);
            }
        }

        // The baseline for the gateway's own queue: a ring of the same slots and the same wait, and
        // a thread parked on it between orders, woken by each publish. What the hand-off to the
        // wire costs beyond this is the gateway's work before the request goes out.
        var wakeRing = new RingBuffer<OrderRequest>(16, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(100)));
        var woken = new WakeTimes();
        using var wakeThread = new RingPipeline<OrderRequest>(wakeRing, new RingPipelineOptions { ThreadNamePrefix = "wake-probe-" });
        wakeThread.HandleEventsWith(woken);
        wakeThread.Start();

        progress($"orders: {options.PacedOrders} orders at {options.PacedRate:F0}/s to the simulator's REST API...");
        var handOff = new List<double>();
        var toWire = new List<double>();
        var wake = new List<double>();
        var http = new List<double>();
        var spacing = TimeSpan.FromSeconds(1 / options.PacedRate);
        for (int i = 0; i < options.PacedOrders + 3; i++)
        {
            var order = Order();
            long submitted = Stopwatch.GetTimestamp();
            gateway.Submit(order);
            var (reply, arrived) = await answers.WaitAsync(order.ClientOrderId).ConfigureAwait(false);
            if (i >= 3 && reply.Outcome == ReplyOutcome.Accepted)
            {
                handOff.Add(Stopwatch.GetElapsedTime(submitted, arrived).TotalNanoseconds);
                http.Add(reply.LatencyNs);
                if (reply.HandedTicks != 0 && reply.SentTicks != 0)
                {
                    toWire.Add(StageStamps.ToNanoseconds(reply.SentTicks - reply.HandedTicks));
                }
            }

            // Halfway to the next order, so the probe's thread has parked as the gateway's has.
            await Task.Delay(spacing / 2).ConfigureAwait(false);
            long probe = wakeRing.Next();
            wakeRing[probe] = new OrderRequest { HandedTicks = StageStamps.Now() };
            wakeRing.Publish(probe);
            long wokeAfter = await woken.WaitAsync().ConfigureAwait(false);
            if (i >= 3)
            {
                wake.Add(StageStamps.ToNanoseconds(wokeAfter));
            }

            await Task.Delay(spacing / 2).ConfigureAwait(false);
        }

        // A burst: what the broker's 10 a second does to 25 orders sent at once.
        await Task.Delay(1100).ConfigureAwait(false);
        progress($"orders: a burst of {options.BurstOrders} at once, then {options.OverRate:F0}/s for {options.OverSeconds:F0} s (the broker allows 10/s)...");
        var burst = Enumerable.Range(0, options.BurstOrders).Select(_ => Order()).ToList();
        foreach (var order in burst)
        {
            gateway.Submit(order);
        }

        var burstReplies = new List<OrderReply>();
        foreach (var order in burst)
        {
            burstReplies.Add((await answers.WaitAsync(order.ClientOrderId).ConfigureAwait(false)).Reply);
        }

        // Above the budget for a while.
        await Task.Delay(1100).ConfigureAwait(false);
        var over = new List<OrderRequest>();
        var overClock = Stopwatch.StartNew();
        var overSpacing = TimeSpan.FromSeconds(1 / options.OverRate);
        while (overClock.Elapsed.TotalSeconds < options.OverSeconds)
        {
            var order = Order();
            over.Add(order);
            gateway.Submit(order);
            await Task.Delay(overSpacing).ConfigureAwait(false);
        }

        var overReplies = new List<OrderReply>();
        foreach (var order in over)
        {
            overReplies.Add((await answers.WaitAsync(order.ClientOrderId).ConfigureAwait(false)).Reply);
        }

        handOff.Sort();
        toWire.Sort();
        wake.Sort();
        http.Sort();
        get.Sort();
        double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        return new OrdersBenchmarkResult
        {
            PacedOrders = handOff.Count,
            HandOffToAnswerP50Ns = Quantile(handOff, 0.5),
            HandOffToAnswerP99Ns = Quantile(handOff, 0.99),
            HandOffToWireP50Ns = Quantile(toWire, 0.5),
            HandOffToWireP99Ns = Quantile(toWire, 0.99),
            QueueWakeP50Ns = Quantile(wake, 0.5),
            QueueWakeP99Ns = Quantile(wake, 0.99),
            HandOffToWireVsWakeP50 = Quantile(toWire, 0.5) / Quantile(wake, 0.5),
            HttpRoundTripP50Ns = Quantile(http, 0.5),
            HttpRoundTripP99Ns = Quantile(http, 0.99),
            BaselineGetP50Ns = Quantile(get, 0.5),
            BaselineGetP99Ns = Quantile(get, 0.99),
            HandOffToAnswerVsGetP50 = Quantile(handOff, 0.5) / Quantile(get, 0.5),
            BurstOrders = burst.Count,
            BurstAccepted = burstReplies.Count(r => r.Outcome == ReplyOutcome.Accepted),
            BurstRateLimited = burstReplies.Count(r => r.Outcome == ReplyOutcome.RateLimited),
            OverRate = options.OverRate,
            OverOrders = over.Count,
            OverAcceptedPerSecond = overReplies.Count(r => r.Outcome == ReplyOutcome.Accepted) / options.OverSeconds,
            OverRateLimited = overReplies.Count(r => r.Outcome == ReplyOutcome.RateLimited),
            Resends = gateway.Counters.Resent,
            Cores = Environment.ProcessorCount,
            Cpu = MachineInfo.CpuModel,
        };
    }

    private (long Orders, double P50, double P99, long Ticks, long BaselineOrders, double BaselineP50, double BaselineP99) PaperTickToOrder()
    {
        var registry = StrategyRegistry.CreateWithBuiltins();
        var config = EngineConfigLoader.Load(options.ConfigFile, registry);

        // A fast market clock, so a few seconds of ticks make enough bars for the strategies to trade.
        config = config with { Simulator = config.Simulator with { Speed = 1_500 } };
        string folder = Path.Combine(Path.GetTempPath(), $"engine-bench-orders-{Environment.ProcessId}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        try
        {
            var run = PipelineBenchmark.Generate(config, folder, options.PaperTicks, options.PaperRate, sealedSegments: false, _ => { });

            // The first pass compiles every path an order takes (the engine runs without tiered
            // compilation, so a first call pays for its compilation); the second is measured.
            PaperPass(run, registry, folder, speed: 0, paper: true);
            var baseline = PaperPass(run, registry, folder, speed: 1, paper: false);
            var measured = PaperPass(run, registry, folder, speed: 1, paper: true);
            return (measured.Orders, measured.P50, measured.P99, measured.Ticks, baseline.Orders, baseline.P50, baseline.P99);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // With paper false, orders stop at the timing gateway: the same path without the paper broker (the baseline).
    private static (long Orders, double P50, double P99, long Ticks) PaperPass(RunDefinition run, StrategyRegistry registry, string folder, double speed, bool paper)
    {
        var stamps = new PublishStamps();
        var timed = new TimedGateway(paper ? new PaperBroker(run.Instruments, NullLogger.Instance) : null, stamps, run.Instruments);
        var pipelineOptions = new TradingPipelineOptions
        {
            RingSize = TradingPipelineOptions.DefaultRingSize,
            ProducerType = ProducerType.Multi,
            WaitStrategy = WaitStrategies.Create(WaitStrategyChoice.ForMachine(Environment.ProcessorCount, 1, 1).Kind),
            Placement = PipelinePlacement.Fused,
        };
        using var composition = EngineComposition.Build(run, registry, pipelineOptions, timed, check: _ => stamps);
        var pipeline = composition.Pipeline;
        pipeline.Start();
        timed.Start(new InputPublisher(pipeline.Ring));
        var source = new JournalReplaySource(JournalReader.Open(folder), new InputPublisher(pipeline.Ring), TickDecoder.TryDecode, OrderUpdateParser.TryParse);
        source.Run(new ReplayOptions { Speed = speed, KeepRawBytes = false });
        pipeline.WaitUntilDrained(TimeSpan.FromMinutes(2));
        timed.DrainAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        pipeline.Shutdown(TimeSpan.FromSeconds(10));
        timed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var sorted = timed.SortedNanoseconds();
        return (sorted.Length, LatencyProbe.Quantile(sorted, 0.5), LatencyProbe.Quantile(sorted, 0.99), pipeline.Signals.Ticks);
    }

    // When each answer reached the ring's consumer.
    private sealed class AnswerTimes : IEventHandler<RingEvent>
    {
        private readonly ConcurrentDictionary<ulong, TaskCompletionSource<(OrderReply, long)>> _waiting = new();

        public string Name => "answers";

        public Task<(OrderReply Reply, long Arrived)> WaitAsync(ulong clientOrderId) =>
            _waiting.GetOrAdd(clientOrderId, _ => new TaskCompletionSource<(OrderReply, long)>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(60));

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            if (data.Kind == EventKind.OrderReply && data.Reply.Outcome is not (ReplyOutcome.NoAnswer or ReplyOutcome.Absent))
            {
                _waiting.GetOrAdd(data.Reply.ClientOrderId, _ => new TaskCompletionSource<(OrderReply, long)>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult((data.Reply, Stopwatch.GetTimestamp()));
            }
        }
    }

    // How long after its publish each probe was handled, one at a time.
    private sealed class WakeTimes : IEventHandler<OrderRequest>
    {
        private readonly SemaphoreSlim _handled = new(0);
        private long _last;

        public async Task<long> WaitAsync()
        {
            if (!await _handled.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false))
            {
                throw new TimeoutException("the wake probe's thread did not handle its event within 10 s");
            }

            return Volatile.Read(ref _last);
        }

        public void OnEvent(ref OrderRequest data, long sequence, bool endOfBatch)
        {
            Volatile.Write(ref _last, StageStamps.Now() - data.HandedTicks);
            _handled.Release();
        }
    }

    // Remembers when each input that made an order was published (a stage before the router, on its thread).
    private sealed class PublishStamps : IEventHandler<RingEvent>
    {
        private readonly long[] _published = new long[1 << 16];

        public string Name => "stamps";

        public long PublishedAt(long inputSequence) => _published[inputSequence & 0xFFFF];

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            if (data.IntentCount > 0)
            {
                _published[data.InputSequence & 0xFFFF] = data.PublishedTicks;
            }
        }
    }

    // The paper broker (or nothing, for the baseline), timed from the order's input being published to the order reaching it.
    private sealed class TimedGateway(PaperBroker? paper, PublishStamps stamps, IEnumerable<Core.Instruments.Instrument> instruments) : IEngineGateway, IMarketDataObserver
    {
        private readonly long[] _samples = new long[1 << 16];
        private readonly PaperBroker _broker = paper ?? new PaperBroker(instruments, NullLogger.Instance);
        private int _count;

        public string Name => _broker.Name;

        public GatewayCounters Counters => _broker.Counters;

        public void Start(InputPublisher inputs)
        {
            if (paper is not null)
            {
                paper.Start(inputs);
            }
        }

        public void Observe(in RingEvent input) => paper?.Observe(input);

        public void Submit(in OrderRequest order)
        {
            if (_count < _samples.Length)
            {
                _samples[_count++] = Stopwatch.GetTimestamp() - stamps.PublishedAt(order.InputSequence);
            }

            paper?.Submit(order);
        }

        public Task<bool> DrainAsync(TimeSpan timeout) => paper?.DrainAsync(timeout) ?? Task.FromResult(true);

        public ValueTask DisposeAsync() => paper?.DisposeAsync() ?? ValueTask.CompletedTask;

        public double[] SortedNanoseconds()
        {
            var ns = _samples.Take(_count).Select(s => s * 1e9 / Stopwatch.Frequency).ToArray();
            Array.Sort(ns);
            return ns;
        }
    }
}
