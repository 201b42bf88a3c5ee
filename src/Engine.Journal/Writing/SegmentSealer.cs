using System.Collections.Concurrent;
using Engine.Journal.Compression;
using Engine.Journal.Format;
using Microsoft.Extensions.Logging;

namespace Engine.Journal.Writing;

/// <summary>
/// Turns rolled segments into LZ4 frames on its own thread, off the writer's path: compress to a
/// temporary file, fsync, rename into place, fsync the folder, only then delete the uncompressed
/// form. A crash at any step leaves at least one complete copy.
/// </summary>
internal sealed partial class SegmentSealer : IDisposable
{
    private readonly BlockingCollection<string> _queue = [];
    private readonly Thread _thread;
    private readonly ILogger _logger;
    private int _pending;

    private readonly int _level;

    public SegmentSealer(ILogger logger, int level = 0)
    {
        _logger = logger;
        _level = level;
        _thread = new Thread(Run) { IsBackground = true, Name = "journal-sealer", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(string activePath)
    {
        Interlocked.Increment(ref _pending);
        _queue.Add(activePath);
    }

    /// <summary>Blocks until every queued segment is sealed (or failed and logged).</summary>
    public void WaitIdle()
    {
        var spinner = default(SpinWait);
        while (Pending > 0 && _thread.IsAlive)
        {
            spinner.SpinOnce();
        }
    }

    /// <summary>Seals one segment now, on the calling thread.</summary>
    public static void Seal(string activePath, int level = 0)
    {
        string sealedPath = activePath[..^JournalFormat.ActiveExtension.Length] + JournalFormat.SealedExtension;
        string temporary = sealedPath + ".tmp";
        byte[] content = File.ReadAllBytes(activePath);
        byte[] frame = Lz4Frame.Compress(content, level);
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(handle, frame, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temporary, sealedPath, overwrite: true);
        string folder = Path.GetDirectoryName(activePath)!;
        DirectorySync.Sync(folder);
        File.Delete(activePath);
        DirectorySync.Sync(folder);
    }

    private void Run()
    {
        foreach (string path in _queue.GetConsumingEnumerable())
        {
            try
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                long size = new FileInfo(path).Length;
                Seal(path, _level);
                long sealedSize = new FileInfo(path[..^JournalFormat.ActiveExtension.Length] + JournalFormat.SealedExtension).Length;
                double ratio = size / (double)Math.Max(1, sealedSize);
                string name = Path.GetFileName(path);
                Log.Sealed(_logger, name, size, sealedSize, ratio, started.Elapsed.TotalMilliseconds);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Lz4UnavailableException)
            {
                // The uncompressed segment stays; the next open seals it again.
                Log.SealFailed(_logger, Path.GetFileName(path), ex.Message);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "journal: sealed {Segment}: {Bytes} bytes into {Sealed} ({Ratio:F1}:1) in {Milliseconds:F0} ms")]
        public static partial void Sealed(ILogger logger, string segment, long bytes, long @sealed, double ratio, double milliseconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "journal: could not seal {Segment}: {Reason}; it stays uncompressed and is sealed on the next open")]
        public static partial void SealFailed(ILogger logger, string segment, string reason);
    }
}
