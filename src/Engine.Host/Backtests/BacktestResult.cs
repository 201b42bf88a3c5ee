using System.Text.Json.Serialization;
using Engine.Host.Reports;

namespace Engine.Host.Backtests;

/// <summary>A backtest and its report: what <c>engine backtest --json</c> prints, and what a sweep reads from each point.</summary>
/// <param name="Backtest">What ran, and how fast.</param>
/// <param name="Report">The journal's performance report.</param>
public sealed record BacktestResult(
    [property: JsonPropertyName("backtest")] BacktestSummary Backtest,
    [property: JsonPropertyName("report")] PerformanceReport Report);
