using System.Diagnostics;
using System.Globalization;
using Engine.Journal.Replay;

namespace Engine.Host.Replay;

/// <summary>The replay's progress on standard error: a redrawn line on a terminal (position, segment, rate), a line every 10 seconds otherwise.</summary>
public sealed class ReplayProgress : IDisposable
{
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly JournalReplaySource _source;
    private readonly int _segments;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private int _segment;
    private bool _shown;

    /// <summary>Starts reporting.</summary>
    public ReplayProgress(TextWriter output, bool terminal, JournalReplaySource source, int segments)
    {
        _output = output;
        _terminal = terminal;
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
        lock (_output)
        {
            if (_terminal)
            {
                _output.Write("\r\u001b[K" + line);
            }
            else
            {
                _output.WriteLine(line);
            }

            _output.Flush();
            _shown = true;
        }
    }

    /// <summary>Stops reporting and ends the progress line.</summary>
    public void Finish()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        lock (_output)
        {
            if (_terminal && _shown)
            {
                _output.Write("\r\u001b[K");
                _output.Flush();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();
}
