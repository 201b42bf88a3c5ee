using System.Collections.Concurrent;
using System.Diagnostics;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Orders;
using Engine.Host.Gateways;
using Engine.Kite.Rest;
using Engine.Ring;
using Engine.Sim;
using Engine.Sim.Exchange;
using Engine.Sim.Faults;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Gateways;

/// <summary>
/// The REST gateway against the simulator's exchange over loopback: answers come back as inputs,
/// and no order is ever sent twice, whatever the exchange does to the requests.
/// </summary>
public sealed class RestOrderGatewayTests
{
    [Fact]
    public async Task RepliesComeBackAsInputsWithTheBodyAsReceivedAndRateLimitsAreNotRetried()
    {
        await using var harness = await Harness.StartAsync(new SimExchangeOptions { OrdersPerSecond = 3 });
        for (int i = 0; i < 5; i++)
        {
            harness.Gateway.Submit(harness.Order((ulong)(1600 + i)));
        }

        harness.WaitForFinalReplies(5);
        var replies = harness.FinalReplies.Values.ToList();
        // On a busy machine a reply can miss the 400 ms timeout (the look-up then finds the order,
        // no less placed), and a burst sent over more than a second passes more than three: what
        // the exchange holds decides, and whatever it refused with 429 was not sent again.
        int placed = replies.Count(r => r.Reply.Outcome is ReplyOutcome.Accepted or ReplyOutcome.Found);
        int limited = replies.Count(r => r.Reply.Outcome == ReplyOutcome.RateLimited);
        Assert.Equal(harness.Simulator.Exchange.Orders.Count, placed);
        Assert.Equal(5, placed + limited);
        Assert.InRange(placed, 3, 5);
        Assert.All(replies.Where(r => r.Reply.Outcome == ReplyOutcome.RateLimited), r => Assert.Equal((BrokerError.RateLimit, (short)429), (r.Reply.Error, r.Reply.HttpStatus)));
        Assert.Equal(5, harness.Gateway.Counters.Sent);
        foreach (var accepted in replies.Where(r => r.Reply.Outcome == ReplyOutcome.Accepted))
        {
            Assert.Contains($"\"order_id\":\"{accepted.Reply.BrokerOrderId}\"", accepted.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartRehearsesTheOrderPathInProcessAndNothingReachesTheBrokerOrTheEnginesRing()
    {
        await using var harness = await Harness.StartAsync();

        var rehearsal = harness.Gateway.Rehearsal;
        Assert.NotNull(rehearsal);
        Assert.True(rehearsal.Completed, $"the rehearsal did not finish: {string.Join(", ", rehearsal.Requests)}");
        // A place, its modify and its cancel, one after another, then the order-book read that settles the order.
        Assert.Equal(["POST orders/regular", "PUT orders/regular/1", "DELETE orders/regular/1", "GET orders"], rehearsal.Requests);
        Assert.Equal(4, rehearsal.Answers);   // three replies and the update the read brought in, all in the scratch ring
        Assert.Empty(harness.Simulator.Exchange.Orders);
        Assert.Equal(0, harness.Gateway.Counters.Sent);
        await Task.Delay(300);
        Assert.Empty(harness.AllReplies);
        Assert.Empty(harness.Updates);
    }

    [Fact]
    public async Task AQuietGatewayKeepsItsConnectionWarmWithProfileReadsAndNeverSendsAnythingElse()
    {
        var quiet = new RecordingHandler();
        await using (var off = QuietGateway(quiet, keepWarmAfter: TimeSpan.Zero))
        {
            await Task.Delay(400);
        }

        Assert.Empty(quiet.Requests);

        var warm = new RecordingHandler();
        await using var gateway = QuietGateway(warm, keepWarmAfter: TimeSpan.FromMilliseconds(50));
        Ring.Await.Until(() => warm.Requests.Count >= 3, TimeSpan.FromSeconds(30), () => $"{warm.Requests.Count} keep-warm reads");
        Assert.All(warm.Requests, r => Assert.Equal("GET user/profile", r));
        Assert.True(gateway.Counters.KeptWarm >= 3);
        Assert.Equal(0, gateway.Counters.Sent);

        static RestOrderGateway QuietGateway(RecordingHandler handler, TimeSpan keepWarmAfter)
        {
            var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" }, handler);
            var gateway = new RestOrderGateway(client, [TestOrders.InfyInstrument], new RestGatewayOptions { RehearseAtStart = false, PollInterval = TimeSpan.FromMilliseconds(10), KeepWarmAfter = keepWarmAfter }, NullLogger.Instance);
            gateway.Start(new InputPublisher(new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi)));
            return gateway;
        }
    }

    [Fact]
    public async Task AnOrderWhoseRequestsAreAllAnsweredLeavesNothingBehindInTheGateway()
    {
        // A daemon sends orders all day: what the gateway keeps to chain an order's requests must
        // go once they are answered, or it grows by one entry and one finished task per order.
        await using var harness = await Harness.StartAsync();
        for (int i = 0; i < 20; i++)
        {
            harness.Gateway.Submit(harness.Order((ulong)(2600 + i)));
        }

        harness.WaitForFinalReplies(20);
        Ring.Await.Until(() => harness.Gateway.OrdersChained == 0, TimeSpan.FromSeconds(30), () => $"{harness.Gateway.OrdersChained} of 20 answered orders still chained");
    }

    [Fact]
    public async Task ANewOrdersRequestStartsOnTheSendingThreadAndAChangeWaitsForItsPlace()
    {
        // Each hand-off between threads costs a wake-up (tens of microseconds on a VM): a new
        // order's request must start on the gateway's own sending thread, not behind a thread-pool
        // hop. A change to an order whose place is still in flight waits for it, wherever it runs.
        var broker = new ThreadRecordingBroker();
        var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" }, broker);
        await using var gateway = new RestOrderGateway(client, [TestOrders.InfyInstrument], new RestGatewayOptions { RehearseAtStart = false, PollInterval = TimeSpan.FromHours(1), KeepWarmAfter = TimeSpan.Zero, SettleAtStop = TimeSpan.Zero }, NullLogger.Instance);
        gateway.Start(new InputPublisher(new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi)));

        var place = TestOrders.MarketBuy(71);
        gateway.Submit(place);
        gateway.Submit(TestOrders.MarketBuy(72));
        Ring.Await.Until(() => broker.Requests.Count >= 2, TimeSpan.FromSeconds(30), () => $"{broker.Requests.Count} requests");
        gateway.Submit(place with { Action = OrderAction.Cancel });
        broker.ReleasePlaces();
        Assert.True(await gateway.DrainAsync(TimeSpan.FromSeconds(30)));

        var requests = broker.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests.Take(2), r => Assert.StartsWith("orders-", r.Thread, StringComparison.Ordinal));
        Assert.Equal(["POST orders/regular", "POST orders/regular", "DELETE orders/regular/71"], requests.Select(r => r.Request));
        Assert.True(broker.CancelCameAfterItsPlaceWasAnswered);
        Ring.Await.Until(() => gateway.OrdersChained == 0, TimeSpan.FromSeconds(30), () => $"{gateway.OrdersChained} orders still chained after their place and cancel were answered");
    }

    [Fact]
    public async Task AnAnswersSentStampIsWhenItsRequestStartedNotItsAnswerLessItsRoundTrip()
    {
        // `journal latency` splits hand-off to answer at the sent stamp: the gateway's queue before
        // it, the broker's round trip after. Reading the answer (here a body whose parse takes
        // milliseconds) happens after the round trip's clock stops, so a sent stamp worked back
        // from the answer by the round trip lands that much after the request went out.
        var broker = new StampingBroker(hold: TimeSpan.FromMilliseconds(20), padding: 8 << 20);
        var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" }, broker);
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi);
        var collector = new AnswerCollector();
        using var answers = new RingPipeline<RingEvent>(ring);
        answers.HandleEventsWith(collector);
        answers.Start();
        await using var gateway = new RestOrderGateway(client, [TestOrders.InfyInstrument], new RestGatewayOptions { RehearseAtStart = false, PollInterval = TimeSpan.FromHours(1), KeepWarmAfter = TimeSpan.Zero, SettleAtStop = TimeSpan.Zero }, NullLogger.Instance);
        gateway.Start(new InputPublisher(ring));

        // The first order compiles the path; the second is the one read.
        foreach (ulong id in new ulong[] { 81, 82 })
        {
            gateway.Submit(TestOrders.MarketBuy(id));
            Ring.Await.Until(() => collector.Final.ContainsKey(id), TimeSpan.FromSeconds(30), () => $"no answer to order {id}");
        }

        var reply = collector.Final[82].Reply;
        long reached = broker.ReachedAt[82];
        Assert.Equal(ReplyOutcome.Accepted, reply.Outcome);
        Assert.True(reply.HandedTicks <= reply.SentTicks, $"sent {reply.SentTicks} before handed {reply.HandedTicks}");
        Assert.True(reply.SentTicks <= reached, $"sent {Stopwatch.GetElapsedTime(reached, reply.SentTicks).TotalMilliseconds:F3} ms after the request reached the broker");
        Assert.True(Stopwatch.GetElapsedTime(reply.SentTicks, reply.AnsweredTicks) >= TimeSpan.FromMilliseconds(20), "the round trip is shorter than the broker's hold");
    }

    [Fact]
    public async Task ALostAcknowledgementIsLookedUpAndNeverSentAgain()
    {
        await using var harness = await Harness.StartAsync();
        harness.Simulator.Faults.LoseOrderAcks(1);
        harness.Gateway.Submit(harness.Order(1700));
        harness.WaitForFinalReplies(1);

        var outcomes = harness.AllReplies.Where(r => r.Reply.ClientOrderId == 1700).Select(r => r.Reply.Outcome).ToList();
        Assert.Equal([ReplyOutcome.NoAnswer, ReplyOutcome.Found], outcomes);
        Assert.Single(harness.Simulator.Exchange.Orders, o => o.Tag == "1700");
        Assert.Equal(1, harness.Gateway.Counters.Sent);
    }

    [Fact]
    public async Task A503BeforeThePlaceIsLookedUpFoundAbsentAndSentOnceMore()
    {
        await using var harness = await Harness.StartAsync();
        harness.Simulator.Faults.FailOrderRequests(1, afterProcessing: false);
        harness.Gateway.Submit(harness.Order(1800));
        harness.WaitForFinalReplies(1);

        var outcomes = harness.AllReplies.Where(r => r.Reply.ClientOrderId == 1800).Select(r => (r.Reply.Outcome, r.Reply.Attempt)).ToList();
        Assert.Equal([(ReplyOutcome.NoAnswer, (short)1), (ReplyOutcome.Absent, (short)1), (ReplyOutcome.Accepted, (short)2)], outcomes);
        Assert.Single(harness.Simulator.Exchange.Orders, o => o.Tag == "1800");
    }

    [Fact]
    public async Task AnUpdateTheTickerDroppedIsBroughtInByTheOrderBookPoll()
    {
        await using var harness = await Harness.StartAsync();
        harness.Gateway.Submit(harness.Order(1900));
        harness.WaitForFinalReplies(1);
        Ring.Await.Until(() => harness.Updates.Any(u => u.Order.Status == OrderStatus.Complete && u.Order.TagText == "1900"), TimeSpan.FromSeconds(20), () => "the polled COMPLETE update");
        Assert.True(harness.Gateway.Counters.UpdatesPolled >= 1);
        Assert.All(harness.Updates, u => Assert.Equal(OrderAnswerPublisher.RestConnection, u.Connection));
    }

    [Fact]
    public async Task TheDrainReadsTheOrderBookUntilItsOrdersSettleSoAFillAfterTheTickerClosedIsNotLost()
    {
        // No poll while running and no ticker: only the drain can bring the fill in, as at a
        // stop, when the ticker is closed before the gateway drains.
        await using var harness = await Harness.StartAsync(pollInterval: TimeSpan.FromHours(1));
        harness.Gateway.Submit(harness.Order(1950));
        harness.WaitForFinalReplies(1);
        Assert.Equal(ReplyOutcome.Accepted, harness.FinalReplies[1950].Reply.Outcome);
        Assert.DoesNotContain(harness.Updates, u => u.Order.TagText == "1950");

        Assert.True(await harness.Gateway.DrainAsync(TimeSpan.FromSeconds(30)));
        Ring.Await.Until(() => harness.Updates.Any(u => u.Order.TagText == "1950" && u.Order.Status == OrderStatus.Complete), TimeSpan.FromSeconds(10), () => "the fill read from the order book at the drain: " + string.Join(", ", harness.Updates.Select(u => $"{u.Order.TagText}:{u.Order.Status}")));
        Assert.Equal("COMPLETE", harness.Simulator.Exchange.Orders.Single(o => o.Tag == "1950").Status);
    }

    [Fact]
    public async Task WithNoSettleTimeTheDrainDoesNotReadTheOrderBook()
    {
        await using var harness = await Harness.StartAsync(pollInterval: TimeSpan.FromHours(1), settleAtStop: TimeSpan.Zero);
        harness.Gateway.Submit(harness.Order(1960));
        harness.WaitForFinalReplies(1);
        Ring.Await.Until(() => harness.Simulator.Exchange.Orders.Single(o => o.Tag == "1960").Status == "COMPLETE", TimeSpan.FromSeconds(20), () => "the fill at the exchange");

        Assert.True(await harness.Gateway.DrainAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, harness.Gateway.Counters.UpdatesPolled);
    }

    [Fact]
    public void UnderAnyMixOfFaultsEveryOrderReachesTheExchangeExactlyOnce()
    {
        var gen = from seed in Gen.Choose(1, 100_000)
                  from orders in Gen.Choose(4, 12)
                  select (seed, orders);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var harness = Harness.StartAsync().GetAwaiter().GetResult();
            try
            {
                harness.Simulator.Faults.Chaos(new OrderChaos(c.seed, slowAck: 0.15, loseAck: 0.15, failBefore: 0.15, failAfter: 0.15, dropUpdate: 0.3, slowAckDelay: TimeSpan.FromMilliseconds(700)));
                var ids = Enumerable.Range(0, c.orders).Select(i => (ulong)(20_000 + (i * 16))).ToList();
                foreach (ulong id in ids)
                {
                    harness.Gateway.Submit(harness.Order(id));
                }

                harness.WaitForFinalReplies(ids.Count, seconds: 120);
                var atExchange = harness.Simulator.Exchange.Orders.GroupBy(o => o.Tag).ToDictionary(g => g.Key!, g => g.Count());
                bool once = ids.All(id => atExchange.GetValueOrDefault(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) == 1);
                bool nothingElse = atExchange.Count == ids.Count;
                bool allPlaced = harness.FinalReplies.Values.All(r => r.Reply.Outcome is ReplyOutcome.Accepted or ReplyOutcome.Found);
                return (once && nothingElse && allPlaced).Label($"seed {c.seed}: at the exchange {string.Join(",", atExchange.Select(p => $"{p.Key}x{p.Value}"))}; final {string.Join(",", harness.FinalReplies.Values.Select(r => r.Reply.Outcome))}");
            }
            finally
            {
                harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(6));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // the engine stopping at once: the drain hands on every request before it closes the gate
    public async Task RequestsBeyondAFullQueueAreSentInTheOrderTheyCameAndNoneIsLeftBehind(bool drainAtOnce)
    {
        // A burst far beyond a small queue, each place followed at once by its cancel: the
        // requests that wait beyond the queue must go out after everything queued before them
        // (a cancel sent ahead of its own place finds no order to cancel), and every one must go
        // out, the last included, though nothing is submitted after it.
        const int orders = 1_000;
        var broker = new BrokerStandIn();
        var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" }, broker);
        await using var gateway = new RestOrderGateway(client, [TestOrders.InfyInstrument], new RestGatewayOptions { RehearseAtStart = false, QueueCapacity = 16, PollInterval = TimeSpan.FromHours(1), KeepWarmAfter = TimeSpan.Zero }, NullLogger.Instance);
        gateway.Start(new InputPublisher(new RingBuffer<RingEvent>(8192, new YieldingWaitStrategy(), ProducerType.Multi)));
        // One order alone first, so that where the queue fills, a place is queued and its cancel is not.
        gateway.Submit(TestOrders.MarketBuy(orders + 1));
        for (ulong id = 1; id <= orders; id++)
        {
            gateway.Submit(TestOrders.MarketBuy(id));
            var cancel = TestOrders.MarketBuy(id);
            cancel.Action = OrderAction.Cancel;
            gateway.Submit(cancel);
        }

        if (drainAtOnce)
        {
            Assert.True(await gateway.DrainAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, gateway.Counters.NotSent);
        }

        Ring.Await.Until(() => broker.Orders.Count >= (2 * orders) + 1, TimeSpan.FromSeconds(60), () => $"{broker.Orders.Count} of {(2 * orders) + 1} order requests; refused before sending: {gateway.Counters.NotSent}");
        var requests = broker.Orders.ToList();
        for (int id = 1; id <= orders; id++)
        {
            int place = requests.IndexOf($"POST orders/regular {id}");
            int cancelled = requests.IndexOf($"DELETE orders/regular/{id}");
            Assert.True(place >= 0 && cancelled > place, $"order {id}: place at {place}, cancel at {cancelled}");
        }

        Assert.Equal((2 * orders) + 1, requests.Distinct().Count());
        Assert.True(gateway.Counters.Overflowed > 0, "the burst never filled the queue, so nothing here was tested");
    }

    [Fact]
    public async Task AnOrderSubmittedBeforeTheGatewayStartsIsRefusedLoudlyNotDroppedUnseen()
    {
        var broker = new BrokerStandIn();
        var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" }, broker);
        await using var gateway = new RestOrderGateway(client, [TestOrders.InfyInstrument], new RestGatewayOptions { RehearseAtStart = false, PollInterval = TimeSpan.FromHours(1), KeepWarmAfter = TimeSpan.Zero }, NullLogger.Instance);

        var refused = Assert.Throws<InvalidOperationException>(() => gateway.Submit(TestOrders.MarketBuy(7)));
        Assert.Contains("order 7", refused.Message, StringComparison.Ordinal);

        gateway.Start(new InputPublisher(new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi)));
        gateway.Submit(TestOrders.MarketBuy(8));
        Ring.Await.Until(() => broker.Orders.Count >= 1, TimeSpan.FromSeconds(30), () => "the order submitted after the start");
        Assert.Equal(["POST orders/regular 8"], broker.Orders);
    }

    // The tag field of a place request's form: the stand-in brokers answer with it as the order id.
    private static string TagOf(string form) => form.Split('&').Single(p => p.StartsWith("tag=", StringComparison.Ordinal))[4..];

    // A broker that takes every order (its id is the order's tag) and every cancel, and keeps what was asked in order.
    private sealed class BrokerStandIn : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> _requests = new();

        public IReadOnlyList<string> Orders => [.. _requests.Where(r => !r.StartsWith("GET", StringComparison.Ordinal))];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath.TrimStart('/');
            string id = path.Split('/')[^1];
            if (request.Method == HttpMethod.Post)
            {
                string form = await request.Content!.ReadAsStringAsync(cancellationToken);
                id = TagOf(form);
                _requests.Enqueue($"POST {path} {id}");
            }
            else
            {
                _requests.Enqueue($"{request.Method} {path}");
            }

            string body = request.Method == HttpMethod.Get ? "{\"status\":\"success\",\"data\":[]}" : $"{{\"status\":\"success\",\"data\":{{\"order_id\":\"{id}\"}}}}";
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) };
        }
    }

    // Holds both places until told, answers each with its tag as the order id, and notes the
    // thread each request started on.
    private sealed class ThreadRecordingBroker : HttpMessageHandler
    {
        private readonly ConcurrentQueue<(string Thread, string Request)> _requests = new();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _placeAnswered;

        public IReadOnlyCollection<(string Thread, string Request)> Requests => _requests;

        public bool CancelCameAfterItsPlaceWasAnswered { get; private set; }

        public void ReleasePlaces() => _release.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath.TrimStart('/');
            _requests.Enqueue((Thread.CurrentThread.Name ?? "(pool)", $"{request.Method} {path}"));
            string id = path.Split('/')[^1];
            if (request.Method == HttpMethod.Post)
            {
                string form = await request.Content!.ReadAsStringAsync(cancellationToken);
                id = TagOf(form);
                await _release.Task.WaitAsync(cancellationToken);
                _placeAnswered = true;
            }
            else
            {
                CancelCameAfterItsPlaceWasAnswered = _placeAnswered;
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent($"{{\"status\":\"success\",\"data\":{{\"order_id\":\"{id}\"}}}}") };
        }
    }

    // Notes when each place request reached it, holds it, and answers with the tag as the order id
    // and a body padded with whitespace, which any JSON reader must get through.
    private sealed class StampingBroker(TimeSpan hold, int padding) : HttpMessageHandler
    {
        public ConcurrentDictionary<ulong, long> ReachedAt { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            long reached = Stopwatch.GetTimestamp();
            string form = await request.Content!.ReadAsStringAsync(cancellationToken);
            string id = TagOf(form);
            ReachedAt[ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture)] = reached;
            await Task.Delay(hold, cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent($"{{\"status\":\"success\",\"data\":{{\"order_id\":\"{id}\"}}{new string(' ', padding)}}}") };
        }
    }

    // Answers every request as a good profile read would, and keeps what was asked.
    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> _requests = new();

        public IReadOnlyList<string> Requests => [.. _requests];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath.TrimStart('/')}");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{\"status\":\"success\",\"data\":{\"user_id\":\"AB1234\"}}") });
        }
    }

    private sealed class Harness : IAsyncDisposable
    {
        private readonly RingPipeline<RingEvent> _pipeline;

        private Harness(KiteSimulator simulator, RestOrderGateway gateway, RingPipeline<RingEvent> pipeline, AnswerCollector collector)
        {
            Simulator = simulator;
            Gateway = gateway;
            _pipeline = pipeline;
            Collected = collector;
        }

        public KiteSimulator Simulator { get; }

        public RestOrderGateway Gateway { get; }

        public AnswerCollector Collected { get; }

        public IReadOnlyList<(OrderReply Reply, string Body)> AllReplies => [.. Collected.Replies];

        public ConcurrentDictionary<ulong, (OrderReply Reply, string Body)> FinalReplies => Collected.Final;

        public IReadOnlyList<RingEvent> Updates => [.. Collected.Updates];

        public static async Task<Harness> StartAsync(SimExchangeOptions? exchange = null, TimeSpan? pollInterval = null, TimeSpan? settleAtStop = null)
        {
            var simulator = await Engine.Tests.Sim.TestSimulator.StartAsync(exchange: exchange ?? new SimExchangeOptions { OrdersPerSecond = 10_000, Capital = 1e12m });
            var ring = new RingBuffer<RingEvent>(1024, new YieldingWaitStrategy(), ProducerType.Multi);
            var collector = new AnswerCollector();
            var pipeline = new RingPipeline<RingEvent>(ring);
            pipeline.HandleEventsWith(collector);
            pipeline.Start();
            // A cold simulator's first answers can take longer than a tight timeout on a busy
            // machine; a timeout then means a look-up and a re-send, which these tests count.
            // The warm-up call itself gets a patient client, so a cold start is not a test failure.
            using var warmUp = new KiteRestClient(new KiteRestOptions { BaseUrl = simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token", Timeout = TimeSpan.FromSeconds(30) });
            (await warmUp.GetOrdersAsync()).EnsureSuccess();
            var client = new KiteRestClient(new KiteRestOptions { BaseUrl = simulator.RestUrl, ApiKey = "sim_api_key", AccessToken = "sim_access_token", Timeout = TimeSpan.FromSeconds(2) });
            var gateway = new RestOrderGateway(client, simulator.Instruments, new RestGatewayOptions { LookupDelay = TimeSpan.FromMilliseconds(100), PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(200), SettleAtStop = settleAtStop ?? TimeSpan.FromSeconds(3), MaxPlaceAttempts = 20 }, NullLogger.Instance);
            gateway.Start(new InputPublisher(ring));
            Ring.Await.Until(() => simulator.Exchange.TryGetMarket(408065, out _), TimeSpan.FromSeconds(30), () => "the simulator's first tick");
            return new Harness(simulator, gateway, pipeline, collector);
        }

        public OrderRequest Order(ulong clientOrderId) => TestOrders.MarketBuy(clientOrderId);

        public void WaitForFinalReplies(int count, double seconds = 60) =>
            Ring.Await.Until(() => Collected.Final.Count >= count, TimeSpan.FromSeconds(seconds), () => $"{Collected.Final.Count} of {count} orders settled; replies so far: {string.Join(", ", Collected.Replies.Select(r => $"{r.Reply.ClientOrderId}:{r.Reply.Outcome}"))}");

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            _pipeline.Shutdown(TimeSpan.FromSeconds(5));
            _pipeline.Dispose();
            await Simulator.DisposeAsync();
        }
    }
}
