using System.Diagnostics;
using System.Globalization;
using Engine.Core.Time;

namespace Engine.Host.Backtests;

/// <summary>The backtest's progress on standard error: a redrawn bar on a terminal (share of the ticks, market day, rate), a line every 10 seconds otherwise.</summary>
public sealed class BacktestProgress : IDisposable
{
    private readonly Progress.ProgressLine _line;
    private readonly long _total;
    private readonly Func<(long Done, long TimeNs, long Orders)> _read;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;

    /// <summary>Starts reporting <paramref name="total"/> ticks; <paramref name="read"/> gives the ticks sent, the market time and the orders.</summary>
    public BacktestProgress(TextWriter output, bool terminal, long total, Func<(long Done, long TimeNs, long Orders)> read)
    {
        _line = new Progress.ProgressLine(output, terminal);
        _total = Math.Max(1, total);
        _read = read;
        var period = TimeSpan.FromSeconds(terminal ? 0.25 : 10);
        _timer = new Timer(_ => Show(), null, period, period);
    }

    private void Show()
    {
        var (done, timeNs, orders) = _read();
        const int width = 30;
        double share = Math.Min(1, (double)done / _total);
        string bar = new string('#', (int)(width * share)).PadRight(width, '.');
        string line = string.Create(CultureInfo.InvariantCulture,
            $"backtest [{bar}] {share * 100,5:0.0}%  {(timeNs > 0 ? UnixTime.ToIst(timeNs).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-")} IST  {done:N0}/{_total:N0} ticks  {orders:N0} orders  {done / Math.Max(1e-3, _clock.Elapsed.TotalSeconds):N0} ticks/s");
        _line.Show(line);
    }

    /// <summary>Stops reporting and clears the bar.</summary>
    public void Finish()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        _line.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();
}
