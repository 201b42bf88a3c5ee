namespace Engine.Host.Backtests;

/// <summary>What one bar file held.</summary>
/// <param name="Path">The file.</param>
/// <param name="Bars">Its bars in time order, one per time.</param>
/// <param name="Skipped">Rows left out (empty or unreadable fields, impossible prices).</param>
/// <param name="FirstProblem">Why the first of them was left out.</param>
/// <param name="Daily">True when every bar is a whole day.</param>
public sealed record BarFileContent(string Path, IReadOnlyList<HistoricalBar> Bars, int Skipped, string? FirstProblem, bool Daily);
