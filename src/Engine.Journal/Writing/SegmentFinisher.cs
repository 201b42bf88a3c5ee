using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Engine.Journal.Compression;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Engine.Journal.Writing;

/// <summary>
/// Does the journal's slow work on its own thread, strictly in order, so the appending thread
/// never waits for the disk: it makes the rolled segment N durable (fsync), hashes it, writes that
/// hash into segment N+1's header (the hash chain link, left pending when N+1 was started) and
/// fsyncs N+1 and the folder; then it seals N into an LZ4 frame (compress to a temporary file,
/// fsync, rename into place, fsync the folder, and only then delete the uncompressed form); and it
/// creates the file for segment N+2 ahead of time (a spare, <c>.seg.next</c>, with its blocks
/// reserved and the folder fsynced), which the next roll only renames. A crash at any step leaves
/// at least one complete copy, and the next open completes whatever link or seal is missing.
/// </summary>
public sealed partial class SegmentFinisher : IDisposable
{
    private readonly BlockingCollection<Job> _queue = [];
    private readonly Thread _thread;
    private readonly ILogger _logger;
    private readonly int _level;
    private byte[]? _content;
    private byte[]? _frame;
    private readonly object _spareLock = new();
    private (string SegmentPath, SafeFileHandle Handle)? _spare;
    private int _pending;

    private readonly Action<SealedSegment>? _onSealed;
    private readonly Action<string>? _onFailed;

    internal SegmentFinisher(ILogger logger, int level = 0, Action<SealedSegment>? onSealed = null, Action<string>? onFailed = null)
    {
        _logger = logger;
        _level = level;
        _onSealed = onSealed;
        _onFailed = onFailed;
        _thread = new Thread(Run) { IsBackground = true, Name = "journal-finisher", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>Segments queued and not yet finished.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Queues <paramref name="activePath"/>: fsync it, link its hash into <paramref name="nextPath"/>'s
    /// header if given (and fsync that segment and the folder), then seal it if <paramref name="seal"/>.
    /// </summary>
    public void Enqueue(string activePath, string? nextPath, bool seal)
    {
        Interlocked.Increment(ref _pending);
        _queue.Add(new Job(JobKind.Finish, activePath, nextPath, seal, 0));
    }

    /// <summary>Queues the creation of the file that segment <paramref name="segmentPath"/> will use, with <paramref name="reserveBytes"/> reserved.</summary>
    public void PrepareSpare(string segmentPath, long reserveBytes)
    {
        Interlocked.Increment(ref _pending);
        _queue.Add(new Job(JobKind.PrepareSpare, segmentPath, null, false, reserveBytes));
    }

    /// <summary>
    /// The prepared file for <paramref name="segmentPath"/> (still named <c>.next</c>), or null when
    /// it is not ready yet; the caller owns the handle.
    /// </summary>
    public SafeFileHandle? TakeSpare(string segmentPath)
    {
        lock (_spareLock)
        {
            if (_spare is { } spare && spare.SegmentPath == segmentPath)
            {
                _spare = null;
                return spare.Handle;
            }

            return null;
        }
    }

    /// <summary>The name a spare for <paramref name="segmentPath"/> carries until its roll renames it.</summary>
    public static string SparePath(string segmentPath) => segmentPath + JournalFormat.SpareSuffix;

    /// <summary>
    /// Creates a new segment file with <paramref name="reserveBytes"/> reserved (the visible size
    /// stays what is written), sparing the file system an allocation on every batch write. The
    /// reservation is only an optimisation: skipped with a warning where the disk cannot make it.
    /// </summary>
    public static SafeFileHandle CreateSegmentFile(string path, long reserveBytes, ILogger logger)
    {
        if (File.Exists(path))
        {
            throw new JournalException($"Segment file '{path}' already exists; refusing to overwrite journal data.");
        }

        DiskSync.CountCreation();
        try
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, FileOptions.None, preallocationSize: reserveBytes);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            // Only this attempt can have created the file (it did not exist a moment ago).
            File.Delete(path);
            Log.NoPreallocation(logger, Path.GetFileName(path), reserveBytes, ex.Message);
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
    }

    /// <summary>Blocks until every queued segment is finished (or failed and logged).</summary>
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
        byte[] content = File.ReadAllBytes(activePath);
        byte[]? frame = null;
        Seal(activePath, content, ref frame, level);
    }

    /// <summary>
    /// Writes <paramref name="previousSha256"/> into the header of the segment at <paramref name="path"/>
    /// (uncompressed form) and fixes the header's CRC, then fsyncs it.
    /// </summary>
    public static void LinkPrevious(string path, ReadOnlySpan<byte> previousSha256)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var fixedPart = new byte[JournalFormat.SegmentFixedHeaderSize];
        RandomAccess.Read(handle, fixedPart, 0);
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(12));
        var header = new byte[length];
        if (RandomAccess.Read(handle, header, 0) != length)
        {
            throw new IOException($"{Path.GetFileName(path)}: the header is incomplete; cannot link it.");
        }

        previousSha256.CopyTo(header.AsSpan(64, 32));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(length - 4), Crc32C.Compute(header.AsSpan(0, length - 4)));
        RandomAccess.Write(handle, header.AsSpan(64, 32), 64);
        RandomAccess.Write(handle, header.AsSpan(length - 4, 4), length - 4);
        DiskSync.Flush(handle);
    }

    private static void Seal(string activePath, ReadOnlySpan<byte> content, ref byte[]? frame, int level)
    {
        string sealedPath = activePath[..^JournalFormat.ActiveExtension.Length] + JournalFormat.SealedExtension;
        string temporary = sealedPath + ".tmp";
        int length = Lz4Frame.CompressInto(content, ref frame, level);
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(handle, frame.AsSpan(0, length), 0);
            DiskSync.Flush(handle);
        }

        File.Move(temporary, sealedPath, overwrite: true);
        string folder = Path.GetDirectoryName(activePath)!;
        DiskSync.Folder(folder);
        File.Delete(activePath);
        DiskSync.Folder(folder);
    }

    private void Run()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            string name = Path.GetFileName(job.Path);
            try
            {
                if (job.Kind == JobKind.PrepareSpare)
                {
                    Prepare(job.Path, job.ReserveBytes);
                    continue;
                }

                var started = System.Diagnostics.Stopwatch.StartNew();
                using (var rolled = File.OpenHandle(job.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    DiskSync.Flush(rolled);
                }

                int length = ReadWhole(job.Path);
                var content = _content.AsSpan(0, length);
                byte[] hash = SHA256.HashData(content);
                if (job.NextPath is not null)
                {
                    LinkPrevious(job.NextPath, hash);

                    // The next segment's name (a spare renamed by the roll) becomes durable with it.
                    DiskSync.Folder(Path.GetDirectoryName(job.NextPath)!);
                }

                if (job.Seal)
                {
                    Seal(job.Path, content, ref _frame, _level);
                    long sealedSize = new FileInfo(job.Path[..^JournalFormat.ActiveExtension.Length] + JournalFormat.SealedExtension).Length;
                    double ratio = length / (double)Math.Max(1, sealedSize);
                    string head = Convert.ToHexStringLower(hash);
                    Log.Sealed(_logger, name, length, sealedSize, ratio, started.Elapsed.TotalMilliseconds, head);
                    if (_onSealed is not null && SegmentHeader.TryRead(content, out var header, out _) && header is not null)
                    {
                        _onSealed(new SealedSegment(header.JournalId, header.SegmentNumber, head, length));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // The uncompressed segment stays, and any missing link is completed on the next open.
                Log.FinishFailed(_logger, name, ex.Message);
                _onFailed?.Invoke($"finishing journal segment {name} failed: {ex.Message}");
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private void Prepare(string segmentPath, long reserveBytes)
    {
        string spare = SparePath(segmentPath);
        if (File.Exists(spare))
        {
            File.Delete(spare);
        }

        var handle = CreateSegmentFile(spare, reserveBytes, _logger);
        DiskSync.Folder(Path.GetDirectoryName(segmentPath)!);
        lock (_spareLock)
        {
            if (_spare is { } old)
            {
                DeleteSpare(old.SegmentPath, old.Handle);
            }

            _spare = (segmentPath, handle);
        }
    }

    private static void DeleteSpare(string segmentPath, SafeFileHandle handle)
    {
        handle.Dispose();
        File.Delete(SparePath(segmentPath));
    }

    // The segment's bytes, into a buffer reused from segment to segment.
    private int ReadWhole(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = RandomAccess.GetLength(handle);
        var buffer = SegmentBuffers.Ensure(ref _content, length);
        int read = 0;
        while (read < length)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
            if (n == 0)
            {
                throw new IOException($"{Path.GetFileName(path)} ended after {read} of {length} bytes while being finished.");
            }

            read += n;
        }

        return read;
    }

    /// <summary>Finishes the queue, removes an unused spare and stops the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        lock (_spareLock)
        {
            if (_spare is { } spare)
            {
                DeleteSpare(spare.SegmentPath, spare.Handle);
                _spare = null;
            }
        }
    }

    private enum JobKind
    {
        Finish,
        PrepareSpare,
    }

    private sealed record Job(JobKind Kind, string Path, string? NextPath, bool Seal, long ReserveBytes);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "journal: sealed {Segment}: {Bytes} bytes into {Sealed} ({Ratio:F1}:1) in {Milliseconds:F0} ms; head sha256 {Head}")]
        public static partial void Sealed(ILogger logger, string segment, long bytes, long @sealed, double ratio, double milliseconds, string head);

        [LoggerMessage(Level = LogLevel.Warning, Message = "journal: could not reserve {Bytes} bytes for {Segment} ({Reason}); writing without a reservation. Is the disk nearly full?")]
        public static partial void NoPreallocation(ILogger logger, string segment, long bytes, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "journal: could not finish {Segment}: {Reason}; it stays uncompressed, and the next open completes it")]
        public static partial void FinishFailed(ILogger logger, string segment, string reason);
    }
}
