using System.Text.Json;

namespace Engine.Host.Backtests;

/// <summary>What a sweep ranks its points by: a figure of the report's JSON (its name there), and whether more is better.</summary>
public sealed record SweepMetric(string Name, bool HigherIsBetter)
{
    private static readonly SweepMetric[] All =
    [
        new("sharpe", true),
        new("sortino", true),
        new("total_return", true),
        new("calmar", true),
        new("profit_factor", true),
        new("max_drawdown", false),
        new("trades", true),
    ];

    /// <summary>The metric named <paramref name="name"/>.</summary>
    public static SweepMetric Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"--rank: '{name}' is not one of {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The figure in a report's JSON; null when the report has none (no trades, no losses).</summary>
    public double? Of(JsonElement report) => Read(report, Name);

    /// <summary>A number of the report's JSON, or null.</summary>
    public static double? Read(JsonElement report, string name) =>
        report.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
