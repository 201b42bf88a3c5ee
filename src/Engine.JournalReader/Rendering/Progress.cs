using System.Diagnostics;
using System.Globalization;

namespace Engine.JournalTool.Rendering;

/// <summary>A progress line on standard error, shown only when it is a terminal, so piped output stays clean.</summary>
public sealed class Progress : IDisposable
{
    private readonly bool _enabled = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("JOURNAL_NO_PROGRESS") is null;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw;
    private bool _drawn;

    /// <summary>Redraws at most ten times a second.</summary>
    public void Report(int segment, int segments, long records)
    {
        if (!_enabled || _clock.ElapsedMilliseconds - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = _clock.ElapsedMilliseconds;
        double rate = records / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  segment {segment + 1}/{segments}  {records:N0} records  {rate:N0} records/s   "));
        _drawn = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_drawn)
        {
            Console.Error.Write("\r" + new string(' ', 70) + "\r");
        }
    }
}
