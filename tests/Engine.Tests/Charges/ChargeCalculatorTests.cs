using Engine.Core.Charges;

namespace Engine.Tests.Charges;

/// <summary>
/// The charges on a round trip, each case worked out by hand from the published schedule
/// (config/charges.yaml): brokerage per executed order, STT to the rupee, the rest to the paisa,
/// GST on brokerage, transaction charges and the SEBI fee.
/// </summary>
public sealed class ChargeCalculatorTests
{
    private static readonly ChargeSchedule Schedule = ChargeSchedule.Zerodha;

    [Fact]
    public void IntradayEquityOnNse()
    {
        // 100 @ ₹1,000 bought, 100 @ ₹1,010 sold: turnover ₹2,01,000.
        var charges = ChargeCalculator.RoundTrip(Schedule.EquityIntraday, bse: false, 100 * 1000_00, 100 * 1010_00);
        Assert.Equal(2000 + 2000, charges.Brokerage);          // 0.03% is ₹30 and ₹30.30: capped at ₹20 each
        Assert.Equal(2500, charges.Stt);                       // 0.025% of ₹1,01,000 = ₹25.25, to the rupee
        Assert.Equal(597, charges.ExchangeTransaction);        // 0.00297% of ₹2,01,000 = ₹5.9697
        Assert.Equal(20, charges.Sebi);                        // ₹10 a crore: ₹0.201
        Assert.Equal(300, charges.StampDuty);                  // 0.003% of ₹1,00,000
        Assert.Equal(831, charges.Gst);                        // 18% of ₹46.1707
        Assert.Equal(8248, charges.Total);
    }

    [Fact]
    public void DeliveryEquityOnNsePaysNoBrokerageButSttOnBothSides()
    {
        var charges = ChargeCalculator.RoundTrip(Schedule.EquityDelivery, bse: false, 100 * 1000_00, 100 * 1010_00);
        Assert.Equal(0, charges.Brokerage);
        Assert.Equal(201_00, charges.Stt);                     // 0.1% of ₹2,01,000
        Assert.Equal(597, charges.ExchangeTransaction);
        Assert.Equal(15_00, charges.StampDuty);                // 0.015% of ₹1,00,000
        Assert.Equal(111, charges.Gst);                        // 18% of ₹6.1707
        Assert.Equal(22328, charges.Total);
    }

    [Fact]
    public void FuturesOnNfo()
    {
        // One lot of 75 @ ₹24,000 bought, @ ₹24,100 sold.
        var charges = ChargeCalculator.RoundTrip(Schedule.Futures, bse: false, 75 * 24000_00L, 75 * 24100_00L);
        Assert.Equal(4000, charges.Brokerage);
        Assert.Equal(362_00, charges.Stt);                     // 0.02% of ₹18,07,500 = ₹361.50, half up
        Assert.Equal(6241, charges.ExchangeTransaction);       // 0.00173% of ₹36,07,500 = ₹62.40975
        Assert.Equal(361, charges.Sebi);                       // ₹3.6075
        Assert.Equal(36_00, charges.StampDuty);                // 0.002% of ₹18,00,000
        Assert.Equal(1908, charges.Gst);                       // 18% of ₹106.01725
        Assert.Equal(52310, charges.Total);
    }

    [Fact]
    public void OptionsPayAFlatFeeAndChargesOnPremium()
    {
        // 75 @ ₹100 premium bought, @ ₹110 sold.
        var charges = ChargeCalculator.RoundTrip(Schedule.Options, bse: false, 75 * 100_00, 75 * 110_00);
        Assert.Equal(4000, charges.Brokerage);                 // ₹20 flat per executed order
        Assert.Equal(800, charges.Stt);                        // 0.1% of ₹8,250 = ₹8.25, to the rupee
        Assert.Equal(552, charges.ExchangeTransaction);        // 0.03503% of ₹15,750 = ₹5.517225
        Assert.Equal(2, charges.Sebi);                         // ₹0.01575
        Assert.Equal(23, charges.StampDuty);                   // 0.003% of ₹7,500 = ₹0.225
        Assert.Equal(820, charges.Gst);                        // 18% of ₹45.532975
        Assert.Equal(6197, charges.Total);
    }

    [Fact]
    public void BrokerageIsThePercentageBelowTheCap()
    {
        // ₹50,000 intraday: 0.03% is ₹15, under the ₹20 cap.
        Assert.Equal(1500, Schedule.EquityIntraday.BrokerageOn(50_000_00));
        Assert.Equal(2000, Schedule.EquityIntraday.BrokerageOn(1_00_000_00));
        Assert.Equal(0, Schedule.EquityIntraday.BrokerageOn(0));
    }
}
