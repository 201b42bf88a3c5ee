using System.Globalization;
using System.Net;
using System.Text;
using Engine.Core.Time;

namespace Engine.Host.Reports;

/// <summary>
/// The report as one self-contained HTML file that opens offline: the figures, an equity curve and
/// an underwater (drawdown) chart drawn by ScottPlot as inline SVG, the breakdowns per strategy and
/// per symbol, and the trades with the inputs to replay each from.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(PerformanceReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report: ").Append(E(report.Journal)).Append("</title>");
        html.Append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.neg{color:#b00}h2{margin-top:1.5em}svg{max-width:100%;height:auto}</style></head><body>");
        html.Append("<h1>Performance</h1><p>").Append(E(report.Journal)).Append(": ").Append(report.Runs.ToString(Inv)).Append(" runs, ")
            .Append(E(report.From ?? "-")).Append(" to ").Append(E(report.Until ?? "-")).Append(" (market time, IST)</p>");

        html.Append("<table>");
        Row(html, "Capital", Money(report.Capital));
        Row(html, "Final equity", Money(report.FinalEquity));
        Row(html, "Total return", Percent(report.TotalReturn));
        Row(html, $"Annualised return ({report.TradingDays} trading days, compounded to 252)", Percent(report.AnnualisedReturn));
        Row(html, $"Sharpe (daily, annualised by √252, risk-free {report.RiskFreeRate * 100:0.##}%)", Ratio(report.Sharpe));
        Row(html, "Sortino (downside deviation below the risk-free rate)", Ratio(report.Sortino));
        Row(html, "Maximum drawdown", Percent(-report.MaxDrawdown));
        Row(html, "Longest time below a high", Duration(report.MaxDrawdownSeconds));
        Row(html, "Calmar", Ratio(report.Calmar));
        Row(html, "Round trips", report.TradeCount.ToString(Inv));
        Row(html, "Win rate", Percent(report.WinRate));
        Row(html, "Profit factor", Ratio(report.ProfitFactor));
        Row(html, "Expectancy (net per trade)", Money(report.Expectancy));
        Row(html, "Average win / loss", $"{Money(report.AverageWin)} / {Money(report.AverageLoss)}");
        Row(html, "Exposure (time with a position open)", Percent(report.Exposure));
        Row(html, "Turnover (value traded / capital)", report.Turnover.ToString("0.00", Inv) + "×");
        Row(html, "Charges on the round trips", Money(report.Charges));
        html.Append("</table>");

        if (report.EquityCurve.Count >= 2)
        {
            html.Append("<h2>Equity</h2>").Append(Chart(report.EquityCurve.Select(p => (p.AtNs, (double)p.Equity)).ToList(), "₹", fill: false));
            decimal peak = report.Capital;
            var underwater = new List<(long, double)>();
            foreach (var p in report.EquityCurve)
            {
                peak = Math.Max(peak, p.Equity);
                underwater.Add((p.AtNs, peak == 0 ? 0 : (double)((p.Equity - peak) / peak * 100)));
            }

            html.Append("<h2>Underwater (drawdown from the high, %)</h2>").Append(Chart(underwater, "%", fill: true));
        }

        Breakdowns(html, "By strategy", report.ByStrategy);
        Breakdowns(html, "By symbol", report.BySymbol);
        html.Append("<h2>Trades</h2><p>Replay one with <code>engine replay JOURNAL --from ENTRY --decisions</code>.</p><table><tr><th>Instrument</th><th>Strategy</th><th>Direction</th><th>Qty</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th><th>Gross</th><th>Charges</th><th>Net</th><th>Entry input</th><th>Exit input</th></tr>");
        foreach (var t in report.Trades)
        {
            html.Append("<tr><td>").Append(E(t.Instrument)).Append(' ').Append(E(t.Product.ToUpperInvariant())).Append("</td><td>").Append(E(t.Strategy)).Append("</td><td>").Append(t.Direction)
                .Append("</td><td>").Append(t.Quantity.ToString(Inv)).Append("</td><td>").Append(E(t.EntryTime)).Append("</td><td>").Append(E(t.ExitTime))
                .Append("</td><td>").Append(t.EntryPrice.ToString("0.00", Inv)).Append("</td><td>").Append(t.ExitPrice.ToString("0.00", Inv))
                .Append("</td>").Append(MoneyCell(t.GrossPnl)).Append("<td>").Append(Money(t.Charges)).Append("</td>").Append(MoneyCell(t.NetPnl))
                .Append("<td>").Append(t.EntryInput.ToString(Inv)).Append("</td><td>").Append(t.ExitInput.ToString(Inv)).Append("</td></tr>");
        }

        html.Append("</table></body></html>\n");
        output.Write(html.ToString());
    }

    private static string Chart(List<(long AtNs, double Value)> points, string unit, bool fill)
    {
        var plot = new ScottPlot.Plot();
        double[] ys = [.. points.Select(p => p.Value)];

        // Runs whose market times overlap (a simulator restarted on the same morning) are laid end
        // to end on an axis of elapsed market hours; otherwise the axis is the market clock.
        bool monotonic = points.Zip(points.Skip(1)).All(pair => pair.Second.AtNs >= pair.First.AtNs);
        double[] xs = new double[points.Count];
        double elapsed = 0;
        for (int i = 0; i < points.Count; i++)
        {
            elapsed += i == 0 ? 0 : Math.Max(0, points[i].AtNs - points[i - 1].AtNs) / 3.6e12;
            xs[i] = monotonic ? UnixTime.ToIst(points[i].AtNs).DateTime.ToOADate() : elapsed;
        }

        var line = plot.Add.Scatter(xs, ys);
        line.MarkerSize = 0;
        line.LineWidth = 1.5f;
        if (fill)
        {
            line.FillY = true;
            line.FillYValue = 0;
        }

        if (monotonic)
        {
            plot.Axes.DateTimeTicksBottom();
        }
        else
        {
            plot.XLabel("market hours, runs laid end to end (their market times overlap)");
        }

        plot.YLabel(unit);
        string svg = plot.GetSvgXml(960, 300);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start >= 0 ? svg[start..] : svg;
    }

    private static void Breakdowns(StringBuilder html, string title, IReadOnlyList<ReportBreakdown> rows)
    {
        html.Append("<h2>").Append(title).Append("</h2><table><tr><th></th><th>Trades</th><th>Win rate</th><th>Profit factor</th><th>Charges</th><th>Net P&amp;L</th></tr>");
        foreach (var b in rows)
        {
            html.Append("<tr><td>").Append(E(b.Name)).Append("</td><td>").Append(b.Trades.ToString(Inv)).Append("</td><td>").Append(Percent(b.WinRate))
                .Append("</td><td>").Append(Ratio(b.ProfitFactor)).Append("</td><td>").Append(Money(b.Charges)).Append("</td>").Append(MoneyCell(b.NetPnl)).Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(value).Append("</td></tr>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Money(decimal rupees) => Running.RiskStatus.Money(rupees);

    private static string MoneyCell(decimal rupees) => (rupees < 0 ? "<td class=\"neg\">" : "<td>") + Money(rupees) + "</td>";

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", Inv) + "%";

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", Inv) : "-";

    private static string Duration(double seconds) => TimeSpan.FromSeconds(seconds).ToString(seconds >= 86_400 ? @"d\d\ hh\:mm" : @"hh\:mm\:ss", Inv);
}
