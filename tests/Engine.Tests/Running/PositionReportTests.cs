using System.Globalization;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Host.Running;

namespace Engine.Tests.Running;

/// <summary>
/// A position as status and the summary show it: the average price is the open cost over the open
/// quantity, rounded only where it is printed, so it reads the same as the journal reader's
/// average of the same fills.
/// </summary>
public sealed class PositionReportTests
{
    // HDFCBANK on NSE: token 341249, prices in paise.
    private static readonly Instrument Hdfc = new(341249, 1333, "HDFCBANK", "HDFC BANK", 993.15m, null, 0, 0.05m, 1, "EQ", "NSE", "NSE");

    [Fact]
    public void TheAveragePriceOfThreeBuysIsTheirMeanNotItsPaisaBelow()
    {
        var account = new TradingAccount(10_00_000_00);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Buy, 1, 994_10, orderValueBefore: 0, atNs: 1);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Buy, 1, 993_15, orderValueBefore: 0, atNs: 2);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Buy, 1, 992_70, orderValueBefore: 0, atNs: 3);

        var report = PositionReport.Of(account.Positions.Get(Hdfc.InstrumentToken, Product.Mis), Hdfc);

        // (994.10 + 993.15 + 992.70) / 3 = 993.3166..., which reads 993.32, as the journal reader's summary has it.
        Assert.Equal(2979.95m / 3, report.AveragePrice, 4);
        Assert.Equal("993.32", report.AveragePrice.ToString("0.00", CultureInfo.InvariantCulture));
        Assert.Equal("NSE:HDFCBANK", report.Instrument);
        Assert.Equal(3, report.Quantity);
    }

    [Fact]
    public void AShortsAverageIsItsMeanSellingPrice()
    {
        var account = new TradingAccount(10_00_000_00);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Sell, 2, 1401_65, orderValueBefore: 0, atNs: 1);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Sell, 1, 1401_50, orderValueBefore: 0, atNs: 2);

        var report = PositionReport.Of(account.Positions.Get(Hdfc.InstrumentToken, Product.Mis), Hdfc);

        // (2 x 1401.65 + 1401.50) / 3 = 1401.6.
        Assert.Equal(-3, report.Quantity);
        Assert.Equal(1401.60m, report.AveragePrice, 4);
    }

    [Fact]
    public void AFlatPositionHasNoAverageAndAnUnknownInstrumentIsNamedByItsToken()
    {
        var account = new TradingAccount(10_00_000_00);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Buy, 1, 994_10, orderValueBefore: 0, atNs: 1);
        account.Fill(Hdfc.InstrumentToken, Product.Mis, Side.Sell, 1, 995_00, orderValueBefore: 0, atNs: 2);

        var report = PositionReport.Of(account.Positions.Get(Hdfc.InstrumentToken, Product.Mis), instrument: null);

        Assert.Equal(0, report.AveragePrice);
        Assert.Equal("341249", report.Instrument);
        Assert.Equal(0.90m, report.RealizedPnl);
    }
}
