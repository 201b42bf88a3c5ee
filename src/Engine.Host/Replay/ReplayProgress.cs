using System.Diagnostics;
using System.Globalization;
using Engine.Journal.Replay;

namespace Engine.Host.Replay;

/// <summary>The replay's progress on standard error: a redrawn line on a terminal (position, segment, rate), a line every 10 seconds otherwise.</summary>
public sealed class ReplayProgress : IDisposable
{
    private readonly Progress.ProgressLine _line;
    private readonly JournalReplaySource _source;
    private readonly int _segments;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private int _segment;

    /// <summary>Starts reporting.</summary>
    public ReplayProgress(TextWriter output, bool terminal, JournalReplaySource source, int segments)
    {
        _line = new Progress.ProgressLine(output, terminal);
        _source = source;
        _segments = segments;
        var period = TimeSpan.FromSeconds(terminal ? 0.5 : 10);
        _timer = new Timer(_ => Show(), null, period, period);
    }

    /// <summary>A segment started (index, count).</summary>
    public void Segment(int index, int count) => Volatile.Write(ref _segment, index);

    private void Show()
    {
        long published = _source.InputsPublished;
        double seconds = _clock.Elapsed.TotalSeconds;
        int segment = Volatile.Read(ref _segment) + 1;
        int width = 24;
        int filled = (int)Math.Round(width * (double)segment / Math.Max(1, _segments));
        string bar = new string('#', Math.Min(width, filled)).PadRight(width, '.');
        string line = string.Create(CultureInfo.InvariantCulture,
            $"replay [{bar}] segment {segment}/{_segments}  input {_source.LastInputSequence:N0}  {published:N0} inputs  {published / Math.Max(1e-3, seconds):N0}/s");
        _line.Show(line);
    }

    /// <summary>Stops reporting and ends the progress line.</summary>
    public void Finish()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        _line.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();
}
