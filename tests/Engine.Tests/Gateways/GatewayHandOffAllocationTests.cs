using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Host.Gateways;
using Engine.Kite.Rest;
using Engine.Ring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Gateways;

/// <summary>
/// What the router's thread pays to hand an order to a gateway: nothing allocated, in either the
/// REST gateway (a slot in its own queue; the HTTP work is another thread's) or the paper broker
/// (matching against the ticks it observed, answers queued for its publishing thread).
/// </summary>
public sealed class GatewayHandOffAllocationTests
{
    private static readonly Instrument Infy = TestOrders.InfyInstrument;

    [Fact]
    public async Task HandingOrdersToTheRestGatewayAllocatesNothingOnTheRoutersThread()
    {
        // The router's side of the hand-off: what the sending thread does with the requests
        // (here against a broker nobody answers for) is on its own threads, not counted here.
        using var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" });
        await using var gateway = new RestOrderGateway(client, [Infy], new RestGatewayOptions { QueueCapacity = 4096, RehearseAtStart = false, PollInterval = TimeSpan.FromHours(1), KeepWarmAfter = TimeSpan.Zero }, NullLogger.Instance);
        gateway.Start(new InputPublisher(new RingBuffer<RingEvent>(8192, new YieldingWaitStrategy(), ProducerType.Multi)));
        var order = TestOrders.MarketBuy(1);
        for (int i = 0; i < 16; i++)
        {
            order.ClientOrderId = (ulong)(16 + i);
            gateway.Submit(order);
        }

        ulong next = 64;
        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            for (int i = 0; i < 900; i++)
            {
                order.ClientOrderId = next++;
                gateway.Submit(order);
            }
        });

        Assert.True(fewest == 0, rounds);
        Assert.Equal(16 + (4 * 900), gateway.Counters.Submitted);
    }

    [Fact]
    public async Task MatchingAtThePaperBrokerAllocatesNothingOnTheRoutersThread()
    {
        await using var broker = new PaperBroker([Infy], NullLogger.Instance, new PaperBrokerOptions { Capacity = 16384 });
        var tick = TestOrders.InfyTick(1_000_000);
        void Round(int i)
        {
            broker.Observe(tick);
            var order = TestOrders.MarketBuy((ulong)(16 * (i + 1)));
            order.Side = i % 2 == 0 ? Side.Buy : Side.Sell;
            broker.Submit(order);
        }

        for (int i = 0; i < 64; i++)
        {
            Round(i);
        }

        int next = 64;
        var (fewest, rounds) = SteadyStateAllocation.Measure(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                Round(next++);
            }
        });

        Assert.True(fewest == 0, rounds);
        Assert.Equal(64 + (4 * 500), broker.Counters.Accepted);
    }
}
