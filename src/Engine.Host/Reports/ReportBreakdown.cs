using System.Text.Json.Serialization;

namespace Engine.Host.Reports;

/// <summary>The trades of one strategy or one symbol, summed. Money in rupees.</summary>
public sealed record ReportBreakdown
{
    /// <summary>The strategy or the symbol.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Round trips.</summary>
    [JsonPropertyName("trades")] public int Trades { get; init; }

    /// <summary>Share of them with a positive net P&amp;L.</summary>
    [JsonPropertyName("win_rate")] public double WinRate { get; init; }

    /// <summary>Net P&amp;L.</summary>
    [JsonPropertyName("net_pnl")] public decimal NetPnl { get; init; }

    /// <summary>Charges.</summary>
    [JsonPropertyName("charges")] public decimal Charges { get; init; }

    /// <summary>Winning net P&amp;L over losing (null without a loss).</summary>
    [JsonPropertyName("profit_factor")] public double? ProfitFactor { get; init; }

    /// <summary>The summed figures of <paramref name="trades"/> under <paramref name="name"/>.</summary>
    public static ReportBreakdown Of(string name, IReadOnlyCollection<ReportTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        decimal won = trades.Where(t => t.NetPnl > 0).Sum(t => t.NetPnl);
        decimal lost = -trades.Where(t => t.NetPnl < 0).Sum(t => t.NetPnl);
        return new ReportBreakdown
        {
            Name = name,
            Trades = trades.Count,
            WinRate = trades.Count == 0 ? 0 : trades.Count(t => t.NetPnl > 0) / (double)trades.Count,
            NetPnl = trades.Sum(t => t.NetPnl),
            Charges = trades.Sum(t => t.Charges),
            ProfitFactor = lost == 0 ? null : (double)(won / lost),
        };
    }
}
