using System.Globalization;

namespace Engine.Host.Reports;

/// <summary>The report's round trips as CSV for machines: one header row, one row per trade, money in rupees, times ISO 8601 IST.</summary>
public static class TradesCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "instrument,product,strategy,direction,quantity,entry_time,exit_time,entry_price,exit_price,gross_pnl,charges,net_pnl,held_seconds,entry_input,exit_input";

    /// <summary>Writes <paramref name="trades"/> to <paramref name="output"/>.</summary>
    public static void Write(IEnumerable<ReportTrade> trades, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Header);
        foreach (var t in trades)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Instrument},{t.Product},{Quote(t.Strategy)},{t.Direction},{t.Quantity},{t.EntryTime},{t.ExitTime},{t.EntryPrice:0.####},{t.ExitPrice:0.####},{t.GrossPnl:0.##},{t.Charges:0.##},{t.NetPnl:0.##},{t.HeldSeconds:0.###},{t.EntryInput},{t.ExitInput}"));
        }
    }

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
