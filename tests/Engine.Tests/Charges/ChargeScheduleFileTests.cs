using Engine.Core.Charges;
using Engine.Host.Configuration;

namespace Engine.Tests.Charges;

/// <summary>The shipped charges file and the built-in schedule say the same, and a bad rate is reported where it is.</summary>
public sealed class ChargeScheduleFileTests
{
    [Fact]
    public void TheShippedFileHoldsThePublishedSchedule()
    {
        var loaded = ChargeScheduleFile.Load(Path.Combine(TestData.RepositoryRoot, "config", "charges.yaml"));
        Assert.Equal(ChargeSchedule.Zerodha.EquityIntraday, loaded.EquityIntraday);
        Assert.Equal(ChargeSchedule.Zerodha.EquityDelivery, loaded.EquityDelivery);
        Assert.Equal(ChargeSchedule.Zerodha.Futures, loaded.Futures);
        Assert.Equal(ChargeSchedule.Zerodha.Options, loaded.Options);
    }

    [Fact]
    public void ABadRateIsNamedWithItsLineAndAnUnknownKeyIsRefused()
    {
        string path = Path.Combine(Path.GetTempPath(), $"charges-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "version: 1\nequity_intraday:\n  stt_sell_percent: lots\n  brokerage_pct: 0.03\n");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => ChargeScheduleFile.Load(path));
            Assert.Contains($"{path}:3:", error.Message, StringComparison.Ordinal);
            Assert.Contains("equity_intraday.stt_sell_percent", error.Message, StringComparison.Ordinal);
            Assert.Contains("brokerage_pct", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
