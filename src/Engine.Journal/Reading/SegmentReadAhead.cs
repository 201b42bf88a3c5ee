using System.Runtime.ExceptionServices;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// The thread that loads the next segment while the reader walks the current one: one per read,
/// started with it and handed one segment at a time. A task per segment cost its closure and
/// task objects for every segment; this hands over through fields and two events instead, so a
/// read through reused buffers allocates nothing from one segment to the next.
/// </summary>
/// <remarks>One reader thread calls <see cref="Begin"/> and <see cref="Complete"/> in turn.</remarks>
internal sealed class SegmentReadAhead : IDisposable
{
    private readonly JournalReader _reader;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _requested = new(0);
    private readonly ManualResetEventSlim _loaded = new(false);
    private SegmentFile? _file;
    private SegmentBuffers? _buffers;
    private bool _verifyFrameChecksum;
    private bool _map;
    private SegmentContent? _content;
    private ExceptionDispatchInfo? _failure;
    private bool _busy;
    private volatile bool _stopping;

    public SegmentReadAhead(JournalReader reader)
    {
        _reader = reader;
        _thread = new Thread(Run) { IsBackground = true, Name = "journal-read-ahead" };
        _thread.Start();
    }

    /// <summary>Starts loading <paramref name="file"/> into <paramref name="buffers"/>; the load before must have been completed.</summary>
    public void Begin(SegmentFile file, SegmentBuffers? buffers, bool verifyFrameChecksum, bool map)
    {
        if (_busy)
        {
            throw new InvalidOperationException("The segment loading ahead has not been completed.");
        }

        _file = file;
        _buffers = buffers;
        _verifyFrameChecksum = verifyFrameChecksum;
        _map = map;
        _busy = true;
        _loaded.Reset();
        _requested.Release();
    }

    /// <summary>Waits for the segment begun and returns it, or throws what loading it threw.</summary>
    public SegmentContent Complete()
    {
        if (!_busy)
        {
            throw new InvalidOperationException("No segment is loading ahead.");
        }

        _loaded.Wait();
        _busy = false;
        var content = _content;
        var failure = _failure;
        _content = null;
        _failure = null;
        failure?.Throw();
        return content!;
    }

    /// <summary>Waits for a load still running, then ends the thread.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        if (_busy)
        {
            _loaded.Wait();
            _busy = false;
        }

        _stopping = true;
        _requested.Release();
        _thread.Join();
        _requested.Dispose();
        _loaded.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _requested.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                _content = _reader.LoadFresh(_file!, _buffers, _verifyFrameChecksum, _map);
            }
            catch (Exception ex)
            {
                // Handed to the reader, which throws it where it would have met it loading inline.
                _failure = ExceptionDispatchInfo.Capture(ex);
            }

            _loaded.Set();
        }
    }
}
