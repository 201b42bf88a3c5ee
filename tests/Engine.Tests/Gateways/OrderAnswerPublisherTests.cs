using System.Collections.Concurrent;
using System.Text;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Host.Gateways;
using Engine.Ring;

namespace Engine.Tests.Gateways;

public sealed class OrderAnswerPublisherTests
{
    // The update is parsed in a claimed slot: a parse that threw there would leave the slot
    // unpublished, and every consumer would wait on it for the rest of the day.
    [Fact]
    public void AnUpdateWithANumberTooLargeForItsFieldGoesInAsBrokerTextAndTheRingGoesOn()
    {
        var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi);
        var seen = new Answers();
        using var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(seen);
        pipeline.Start();
        var publisher = new OrderAnswerPublisher(new InputPublisher(ring));

        var huge = "{\"order_id\":\"250101000000001\",\"status\":\"COMPLETE\",\"price\":1e20,\"quantity\":1}"u8.ToArray();
        var sound = "{\"order_id\":\"250101000000002\",\"status\":\"OPEN\",\"price\":101.5,\"quantity\":1}"u8.ToArray();
        publisher.Update(huge, receiveTimestampNs: 1);
        publisher.Update(sound, receiveTimestampNs: 2);
        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, seen.Seen.Count);
        var (kind, orderId, text) = seen.Seen.First();
        Assert.Equal(EventKind.BrokerText, kind);
        Assert.Equal(0UL, orderId);
        Assert.Equal(Encoding.UTF8.GetString(huge), text);
        Assert.Equal((EventKind.OrderUpdate, 250101000000002UL), (seen.Seen.Last().Kind, seen.Seen.Last().OrderId));
    }

    private sealed class Answers : IEventHandler<RingEvent>
    {
        public ConcurrentQueue<(EventKind Kind, ulong OrderId, string Text)> Seen { get; } = new();

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch) =>
            Seen.Enqueue((data.Kind, data.Order.OrderId, Encoding.UTF8.GetString(data.TextBytes)));
    }
}
