using Engine.Core.Charges;

namespace Engine.Host.Configuration;

/// <summary>Reads <c>config/charges.yaml</c>: the broker's rates by kind of trade, each key defaulting to the published schedule.</summary>
public static class ChargeScheduleFile
{
    /// <summary>Loads <paramref name="path"/>; problems are thrown as a <see cref="ConfigurationException"/> naming the line.</summary>
    public static ChargeSchedule Load(string path)
    {
        var problems = new ConfigurationProblems(path);
        var root = YamlFile.LoadMapping(path, problems);
        var schedule = Read(new YamlSection(root, "", problems));
        problems.ThrowIfAny();
        return schedule;
    }

    internal static ChargeSchedule Read(YamlSection section)
    {
        section.Integer("version", 1, 1, 1, "the file format version");
        var defaults = ChargeSchedule.Zerodha;
        var schedule = new ChargeSchedule
        {
            EquityIntraday = Rates(section.Section("equity_intraday"), defaults.EquityIntraday),
            EquityDelivery = Rates(section.Section("equity_delivery"), defaults.EquityDelivery),
            Futures = Rates(section.Section("futures"), defaults.Futures),
            Options = Rates(section.Section("options"), defaults.Options),
        };
        section.RejectUnknownKeys();
        return schedule;
    }

    private static ChargeRates Rates(YamlSection section, ChargeRates defaults)
    {
        decimal Percent(string key, decimal value) => (decimal)section.Number(key, (double)value, 0, 100, "percent");
        var rates = new ChargeRates
        {
            BrokeragePercent = Percent("brokerage_percent", defaults.BrokeragePercent),
            BrokerageCapPaise = (long)Math.Round(section.Number("brokerage_cap", defaults.BrokerageCapPaise / 100.0, 0, 100_000, "rupees per executed order") * 100),
            SttBuyPercent = Percent("stt_buy_percent", defaults.SttBuyPercent),
            SttSellPercent = Percent("stt_sell_percent", defaults.SttSellPercent),
            NseTransactionPercent = Percent("nse_transaction_percent", defaults.NseTransactionPercent),
            BseTransactionPercent = Percent("bse_transaction_percent", defaults.BseTransactionPercent),
            SebiRupeesPerCrore = (decimal)section.Number("sebi_per_crore", (double)defaults.SebiRupeesPerCrore, 0, 100_000, "rupees per crore of turnover"),
            StampBuyPercent = Percent("stamp_buy_percent", defaults.StampBuyPercent),
            GstPercent = Percent("gst_percent", defaults.GstPercent),
        };
        section.RejectUnknownKeys();
        return rates;
    }
}
