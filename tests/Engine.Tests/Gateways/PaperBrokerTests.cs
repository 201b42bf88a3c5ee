using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Host.Gateways;
using Engine.Ring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Gateways;

/// <summary>
/// The paper broker's answers as the engine sees them, through the ring: what it refuses and
/// why, in Kite's words, and that a refusal never stops it answering the next order.
/// </summary>
public sealed class PaperBrokerTests
{
    private static readonly Instrument Infy = TestOrders.InfyInstrument;

    [Fact]
    public async Task AnOrderForAnInstrumentItDoesNotListIsRefusedAndTheNextOrderIsStillAnswered()
    {
        await using var harness = Harness.Start();
        harness.Broker.Submit(TestOrders.MarketBuy(16, instrumentToken: 999_999));
        harness.Broker.Submit(TestOrders.MarketBuy(32));

        harness.WaitForFinalReplies(2);
        var refused = harness.Collected.Final[16];
        Assert.Equal((ReplyOutcome.Rejected, BrokerError.Input), (refused.Reply.Outcome, refused.Reply.Error));
        Assert.Contains("\"error_type\":\"InputException\"", refused.Body, StringComparison.Ordinal);
        Assert.Equal(ReplyOutcome.Accepted, harness.Collected.Final[32].Reply.Outcome);
    }

    [Fact]
    public async Task ACancelForAnOrderItNeverSawIsRefusedAsAnOrderError()
    {
        await using var harness = Harness.Start();
        var cancel = TestOrders.MarketBuy(48, instrumentToken: 0);
        cancel.Action = OrderAction.Cancel;
        harness.Broker.Submit(cancel);

        harness.WaitForFinalReplies(1);
        var refused = harness.Collected.Final[48];
        Assert.Equal((ReplyOutcome.Rejected, BrokerError.Order), (refused.Reply.Outcome, refused.Reply.Error));
        Assert.Contains("\"error_type\":\"OrderException\"", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALimitPriceOffTheTickSizeIsAcceptedThenRejectedInKitesWords()
    {
        await using var harness = Harness.Start();
        var order = TestOrders.MarketBuy(64);
        order.OrderType = OrderType.Limit;
        order.MarketProtection = 0;
        order.Price = 150003;
        harness.Broker.Submit(order);

        harness.WaitForFinalReplies(1);
        Assert.Equal(ReplyOutcome.Accepted, harness.Collected.Final[64].Reply.Outcome);
        Ring.Await.Until(() => harness.Collected.Updates.Any(u => u.Order.Status == OrderStatus.Rejected), TimeSpan.FromSeconds(10), () => "the REJECTED update");
        var rejected = harness.Collected.Updates.First(u => u.Order.Status == OrderStatus.Rejected);
        Assert.Equal("64", rejected.Order.TagText);
        Assert.Contains("Tick size for this script is 0.05", harness.Collected.UpdateBodies.First(b => b.Contains("REJECTED", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerCarriesTheHopsOfTheRequestItAnswersAndTheInputThatCausedIt()
    {
        await using var harness = Harness.Start();
        var order = TestOrders.MarketBuy(80);
        order.InputSequence = 4_242;
        long before = System.Diagnostics.Stopwatch.GetTimestamp();
        harness.Broker.Submit(order);

        harness.WaitForFinalReplies(1);
        var reply = harness.Collected.Final[80].Reply;
        Assert.Equal(4_242, reply.CauseSequence);
        Assert.True(before <= reply.HandedTicks && reply.HandedTicks <= reply.SentTicks && reply.SentTicks <= reply.AnsweredTicks, $"hops out of order: handed {reply.HandedTicks}, sent {reply.SentTicks}, answered {reply.AnsweredTicks} (submitted at {before})");
    }

    private sealed class Harness : IAsyncDisposable
    {
        private readonly RingPipeline<RingEvent> _pipeline;

        private Harness(PaperBroker broker, RingPipeline<RingEvent> pipeline, AnswerCollector collected)
        {
            Broker = broker;
            _pipeline = pipeline;
            Collected = collected;
        }

        public PaperBroker Broker { get; }

        public AnswerCollector Collected { get; }

        public static Harness Start()
        {
            var ring = new RingBuffer<RingEvent>(1024, new YieldingWaitStrategy(), ProducerType.Multi);
            var collected = new AnswerCollector();
            var pipeline = new RingPipeline<RingEvent>(ring);
            pipeline.HandleEventsWith(collected);
            pipeline.Start();
            var broker = new PaperBroker([Infy], NullLogger.Instance);
            broker.Start(new InputPublisher(ring));
            var tick = TestOrders.InfyTick(1_000);
            broker.Observe(tick);
            return new Harness(broker, pipeline, collected);
        }

        public void WaitForFinalReplies(int count) =>
            Ring.Await.Until(() => Collected.Final.Count >= count, TimeSpan.FromSeconds(10), () => $"{Collected.Final.Count} of {count} orders answered");

        public async ValueTask DisposeAsync()
        {
            await Broker.DisposeAsync();
            _pipeline.Shutdown(TimeSpan.FromSeconds(5));
            _pipeline.Dispose();
        }
    }
}
