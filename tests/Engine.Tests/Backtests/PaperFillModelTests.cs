using System.Text.Json;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Host.Gateways;
using Engine.Ring;
using Engine.Tests.Gateways;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Tests.Backtests;

/// <summary>
/// The paper broker's fill model, seen in the Kite order updates it answers with: fills take no
/// more than their share of the volume traded since the last tick, slippage makes each fill worse
/// by whole ticks (never past a limit price), and an order reaches the book only once its latency
/// has passed in input time.
/// </summary>
public sealed class PaperFillModelTests
{
    [Fact]
    public void FillsTakeExactlyTheirShareOfTheVolumeTradedTickByTick()
    {
        var deltas = Gen.ListOf(Gen.Choose(0, 5_000)).Select(l => l.ToArray()).Where(l => l.Length is > 0 and < 40);
        Prop.ForAll(Gen.Choose(1, 20_000).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), deltas.ToArbitrary(), (quantity, percent, volumes) =>
        {
            var harness = new Harness(new PaperFillModel { Participation = percent / 100.0 });
            long cumulative = volumes[0];
            harness.Tick(150000, cumulative, 0);
            harness.Submit(TestOrders.MarketBuy(7) with { Quantity = quantity });
            long allowed = (long)(volumes[0] * (percent / 100.0));
            var expected = new List<long> { Math.Min(quantity, allowed) };
            for (int i = 1; i < volumes.Length; i++)
            {
                cumulative += volumes[i];
                harness.Tick(150000, cumulative, i);
                allowed += (long)(volumes[i] * (percent / 100.0));
                expected.Add(Math.Min(quantity, allowed));
            }

            var filled = harness.FilledAfterEachInput();
            // The model's figure after each input equals a recomputation from the volumes alone.
            return filled.SequenceEqual(expected.Distinct().Where(f => f > 0));
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("2 ticks", Side.Buy, 150010)]
    [InlineData("2 ticks", Side.Sell, 149990)]
    [InlineData("1 bps", Side.Buy, 150015)]      // ₹0.15 on ₹1,500
    [InlineData("2.5 bps", Side.Buy, 150040)]    // ₹0.375, rounded up to whole ticks: ₹0.40
    [InlineData("2.5 bps", Side.Sell, 149960)]
    [InlineData("0", Side.Buy, 150000)]
    public void SlippageMovesAMarketFillAgainstTheOrderInWholeTicks(string slippage, Side side, long expectedPrice)
    {
        var harness = new Harness(new PaperFillModel { Slippage = FillSlippage.TryParse(slippage)!.Value });
        harness.Tick(150000, 1_000_000, 0);
        harness.Submit(TestOrders.MarketBuy(9) with { Side = side, Quantity = 10 });
        var fill = harness.Updates().Last();
        Assert.Equal(("COMPLETE", expectedPrice), (fill.Status, fill.AveragePrice));
    }

    [Fact]
    public void SlippageNeverTakesALimitOrderPastItsPrice()
    {
        var harness = new Harness(new PaperFillModel { Slippage = new FillSlippage(5, SlippageUnit.Ticks) });
        harness.Tick(150000, 1_000_000, 0);
        harness.Submit(TestOrders.MarketBuy(11) with { OrderType = OrderType.Limit, Price = 150010, MarketProtection = 0, Quantity = 3 });
        Assert.Equal(150010, harness.Updates().Last().AveragePrice);
    }

    [Fact]
    public void AnOrderReachesTheBookOnlyAtTheFirstInputAfterItsLatency()
    {
        var harness = new Harness(new PaperFillModel { Latency = TimeSpan.FromMilliseconds(50) });
        harness.Tick(150000, 1_000, 0);
        harness.Submit(TestOrders.MarketBuy(13) with { Quantity = 5 });
        Assert.Empty(harness.Updates());
        harness.Tick(150100, 2_000, 30_000_000);
        Assert.Empty(harness.Updates());
        harness.Tick(150200, 3_000, 60_000_000);
        var updates = harness.Updates();
        Assert.Equal(("COMPLETE", 150200, 60_000_000L), (updates[^1].Status, updates[^1].AveragePrice, updates[^1].ReceivedNs));
    }

    [Fact]
    public void WithoutAModelAnOrderFillsAtOnceAndInFull()
    {
        var harness = new Harness(PaperFillModel.Immediate);
        harness.Tick(150000, 10, 0);
        harness.Submit(TestOrders.MarketBuy(15) with { Quantity = 5_000 });
        Assert.Equal(("COMPLETE", 5_000L), (harness.Updates()[^1].Status, harness.Updates()[^1].Filled));
    }

    private sealed record Update(string Status, long Filled, long AveragePrice, long ReceivedNs);

    // The broker with its answers published by the caller, read straight from the ring's slots.
    private sealed class Harness
    {
        private readonly RingBuffer<RingEvent> _ring = new(1 << 12, new BusySpinWaitStrategy());
        private readonly InputPublisher _inputs;
        private readonly PaperBroker _broker;
        private readonly List<Update> _updates = [];
        private readonly List<long> _filledAfterInput = [];
        private long _read = -1;

        public Harness(PaperFillModel fills)
        {
            _inputs = new InputPublisher(_ring);
            _broker = new PaperBroker([TestOrders.InfyInstrument], NullLogger.Instance, new PaperBrokerOptions { Fills = fills, Delivery = PaperAnswerDelivery.Caller });
            _broker.Start(_inputs);
        }

        public void Tick(long price, long volume, long timeNs)
        {
            var input = new RingEvent { Kind = EventKind.Tick, ReceiveTimestampNs = timeNs };
            input.Tick = new Tick { InstrumentToken = TestOrders.Infy, Mode = TickMode.Full, Segment = Segments.Of(TestOrders.Infy), Tradable = true, PriceDivisor = 100, LastPrice = price, VolumeTraded = volume };
            _broker.Observe(input);
            Collect();
        }

        public void Submit(OrderRequest order)
        {
            _broker.Submit(order);
            Collect();
        }

        public IReadOnlyList<Update> Updates() => _updates;

        public IReadOnlyList<long> FilledAfterEachInput() => _filledAfterInput.Distinct().Where(f => f > 0).ToArray();

        private void Collect()
        {
            _broker.PublishAnswers();
            for (long s = _read + 1; s <= _ring.Cursor; s++)
            {
                ref var slot = ref _ring[s];
                if (slot.Kind != EventKind.OrderUpdate)
                {
                    continue;
                }

                using var body = JsonDocument.Parse(slot.TextBytes.ToArray());
                var data = body.RootElement.GetProperty("data");
                _updates.Add(new Update(data.GetProperty("status").GetString()!, data.GetProperty("filled_quantity").GetInt64(), (long)decimal.Round(data.GetProperty("average_price").GetDecimal() * 100), slot.ReceiveTimestampNs));
            }

            _read = _ring.Cursor;
            _filledAfterInput.Add(_updates.Count == 0 ? 0 : _updates[^1].Filled);
        }
    }
}
