using Engine.Core.Instruments;

namespace Engine.Host.Backtests;

/// <summary>One instrument's bars for a backtest, and how long each bar lasts (its ticks are spread over that span).</summary>
/// <param name="Instrument">The instrument the bars are of.</param>
/// <param name="Bars">In time order.</param>
/// <param name="Daily">True for daily bars: each spans the session's open to its close.</param>
/// <param name="BarSpanNs">An intraday bar's length (the most common gap between bars of one day).</param>
/// <param name="Source">The file they came from.</param>
public sealed record BarSeries(Instrument Instrument, IReadOnlyList<HistoricalBar> Bars, bool Daily, long BarSpanNs, string Source);
