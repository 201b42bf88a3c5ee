using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Host.Rebalancing;
using Engine.Tests.Gateways;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Rebalancing;

/// <summary>Targets against a known position book: the exact delta orders (lots, the minimum value, the cash buffer, sells first), and nothing once at target.</summary>
public sealed class RebalancePlanTests
{
    private static readonly Instrument Infy = TestOrders.InfyInstrument;
    private static readonly Instrument Tcs = new(2953217, 11536, "TCS", "TATA CONSULTANCY SERV LT", 0, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");
    private static readonly Instrument Nifty = new(13238786, 51714, "NIFTY26DECFUT", "NIFTY", 0, null, 0, 0.1m, 75, "FUT", "NFO-FUT", "NFO");
    private static readonly Instrument Sbin = new(779521, 3045, "SBIN", "STATE BANK OF INDIA", 0, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");

    [Fact]
    public void AKnownBookGivesExactDeltasSellsFirst()
    {
        var targets = new[]
        {
            new RebalanceTarget(Infy, 10, null, 1),            // hold 25: sell 15
            new RebalanceTarget(Tcs, null, 10m, 2),            // 10% of 98% of ₹10,00,000 at ₹4,000: 24 shares, hold 4: buy 20
            new RebalanceTarget(Nifty, 200, null, 3),          // lots of 75: 150; hold 75: buy 75
            new RebalanceTarget(Sbin, 101, null, 4),           // hold 100: a ₹800 delta, under ₹1,000: left
        };
        var held = new Dictionary<uint, long> { [Infy.InstrumentToken] = 25, [Tcs.InstrumentToken] = 4, [Nifty.InstrumentToken] = 75, [Sbin.InstrumentToken] = 100 };
        var prices = new Dictionary<uint, decimal> { [Infy.InstrumentToken] = 1_500m, [Tcs.InstrumentToken] = 4_000m, [Nifty.InstrumentToken] = 1_000m, [Sbin.InstrumentToken] = 800m };
        var plan = RebalancePlan.Of(targets, held, prices, 10_00_000m, 5_00_000m, new RebalancePlanOptions());
        Assert.Equal(
            [(Side.Sell, 15L, Infy.Key), (Side.Buy, 20L, Tcs.Key), (Side.Buy, 75L, Nifty.Key)],
            plan.Orders.Select(o => (o.Side, o.Quantity, o.Instrument.Key)));
        Assert.Contains(plan.Notes, n => n.Contains("200 rounded down to 150", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.StartsWith(Sbin.Key, StringComparison.Ordinal) && n.Contains("minimum trade value", StringComparison.Ordinal));
    }

    [Fact]
    public void BuysStopAtTheCashBuffer()
    {
        // ₹1,00,000 equity, ₹10,000 cash and a 2% buffer: ₹8,000 to spend, so 5 of the 10 shares at ₹1,500.
        var plan = RebalancePlan.Of([new RebalanceTarget(Infy, 10, null, 1)], new Dictionary<uint, long>(), new Dictionary<uint, decimal> { [Infy.InstrumentToken] = 1_500m }, 1_00_000m, 10_000m, new RebalancePlanOptions());
        Assert.Equal(5, Assert.Single(plan.Orders).Quantity);
    }

    [Fact]
    public void OnceAtTargetThePlanIsEmptyWhateverTheBookAndTargets()
    {
        var instruments = new[] { Infy, Tcs, Nifty, Sbin };
        var gen = from held in Gen.ArrayOf(Gen.Choose(0, 5_000), 4)
                  from wanted in Gen.ArrayOf(Gen.Choose(0, 5_000), 4)
                  from price in Gen.ArrayOf(Gen.Choose(100, 10_000), 4)
                  select (held, wanted, price);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var targets = instruments.Select((i, k) => new RebalanceTarget(i, c.wanted[k], null, k + 1)).ToArray();
            var held = instruments.Select((i, k) => (i.InstrumentToken, (long)c.held[k] / i.LotSize * i.LotSize)).ToDictionary(p => p.InstrumentToken, p => p.Item2);
            var prices = instruments.Select((i, k) => (i.InstrumentToken, (decimal)c.price[k])).ToDictionary(p => p.InstrumentToken, p => p.Item2);
            var options = new RebalancePlanOptions { MinTradeValue = 0, CashBufferPercent = 0 };
            var plan = RebalancePlan.Of(targets, held, prices, 1e12m, 1e12m, options);
            var after = new Dictionary<uint, long>(held);
            foreach (var order in plan.Orders)
            {
                after[order.Instrument.InstrumentToken] += order.Side == Side.Buy ? order.Quantity : -order.Quantity;
            }

            bool sellsFirst = plan.Orders.SkipWhile(o => o.Side == Side.Sell).All(o => o.Side == Side.Buy);
            bool wholeLots = plan.Orders.All(o => o.Quantity % o.Instrument.LotSize == 0);
            bool atTarget = targets.All(t => after[t.Instrument.InstrumentToken] == t.Quantity!.Value / t.Instrument.LotSize * t.Instrument.LotSize);
            return sellsFirst && wholeLots && atTarget && RebalancePlan.Of(targets, after, prices, 1e12m, 1e12m, options).Orders.Count == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ATargetsFileReadsQuantitiesAndWeightsAndRefusesMistakesByLine()
    {
        string file = Path.Combine(Path.GetTempPath(), $"targets-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(file, "symbol,target\n# the core\nINFY,10\nNSE:TCS, 25%\n");
            var targets = TargetFile.Read(file, [Infy, Tcs]);
            Assert.Equal([(Infy.Key, (long?)10, (decimal?)null), (Tcs.Key, null, 25m)], targets.Select(t => (t.Instrument.Key, t.Quantity, t.WeightPercent)));

            // The shipped example: comments, then the header.
            var example = TargetFile.Read(Path.Combine(TestData.RepositoryRoot, "config", "targets.csv"), Engine.Kite.Instruments.KiteInstrumentsCsv.Load(Path.Combine(TestData.RepositoryRoot, "config", "instruments.csv")));
            Assert.Equal(["NSE:INFY", "NSE:TCS", "NSE:RELIANCE"], example.Select(t => t.Instrument.Key));

            File.WriteAllText(file, "INFY,10\nINFY,5\nNOPE,1\nTCS,120%\n");
            var error = Assert.Throws<FormatException>(() => TargetFile.Read(file, [Infy, Tcs]));
            Assert.Contains("line 2: NSE:INFY is listed twice", error.Message, StringComparison.Ordinal);
            Assert.Contains("line 3: 'NOPE' is not in the instruments file", error.Message, StringComparison.Ordinal);
            Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
