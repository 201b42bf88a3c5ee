using Engine.Core.Events;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Host.Gateways;
using Engine.Kite.Rest;
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
        // Not started: the hand-off alone, with nothing taking from the queue.
        using var client = new KiteRestClient(new KiteRestOptions { BaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "k", AccessToken = "t" });
        await using var gateway = new RestOrderGateway(client, [Infy], new RestGatewayOptions { QueueCapacity = 4096 }, NullLogger.Instance);
        var order = TestOrders.MarketBuy(1);
        for (int i = 0; i < 16; i++)
        {
            order.ClientOrderId = (ulong)(16 + i);
            gateway.Submit(order);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            order.ClientOrderId = (ulong)(64 + i);
            gateway.Submit(order);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2016, gateway.Counters.Submitted);
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

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 64; i < 1024; i++)
        {
            Round(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1024, broker.Counters.Accepted);
    }
}
