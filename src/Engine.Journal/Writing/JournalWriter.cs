using Engine.Core.Time;
using Engine.Journal.Archiving;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Engine.Journal.Writing;

/// <summary>
/// Appends records to a journal folder: into a memory buffer, written to the active segment at the
/// end of each batch (per <see cref="DurabilityMode"/>). A segment that reaches its size rolls: a
/// new segment starts at once, and the <see cref="SegmentFinisher"/> hashes the old one into the new
/// one's header and seals the old one into an LZ4 frame, off this thread. Opening recovers from a
/// crash: the torn tail of the active segment is cut and reported, pending hash links and seals
/// are completed, and the record numbers and sequence continue.
/// </summary>
/// <remarks>Single writer: one thread appends. Only the interval fsync runs on a timer thread.</remarks>
public sealed partial class JournalWriter : IDisposable
{
    private readonly JournalWriterOptions _options;
    private readonly ILogger _logger;
    private readonly FileStream _lock;
    private readonly SegmentFinisher _finisher;
    private readonly object _fileLock = new();
    private readonly Timer? _intervalTimer;
    private readonly byte[] _schema = RecordSchema.ToJson();
    private byte[] _buffer;
    private int _buffered;
    private int _pendingPayloadOffset;
    private SafeFileHandle _file;
    private string _filePath;
    private long _fileLength;
    private ulong _segmentNumber;
    private ulong _nextRecordNumber;
    private long _lastSequence;
    private bool _dirty;
    private bool _disposed;

    private JournalWriter(JournalWriterOptions options, ILogger logger, FileStream writerLock)
    {
        _options = options;
        _logger = logger;
        _lock = writerLock;
        _buffer = new byte[Math.Max(64 * 1024, options.BufferBytes)];
        _finisher = new SegmentFinisher(logger, options.CompressionLevel, options.OnSealed, options.OnFinishFailed);
        _file = null!;
        _filePath = null!;
        Recovery = null!;
        if (options.Durability == DurabilityMode.Interval)
        {
            _intervalTimer = new Timer(_ => FsyncIfDirty(), null, options.FsyncInterval, options.FsyncInterval);
        }
    }

    /// <summary>What opening found and repaired.</summary>
    public RecoveryReport Recovery { get; private set; }

    /// <summary>The journal folder.</summary>
    public string Folder => _options.Folder;

    /// <summary>The journal's id.</summary>
    public Guid JournalId { get; private set; }

    /// <summary>The segment being written.</summary>
    public ulong ActiveSegment => _segmentNumber;

    /// <summary>The number the next record gets.</summary>
    public ulong NextRecordNumber => _nextRecordNumber;

    /// <summary>The ring sequence of the last record appended, or -1.</summary>
    public long LastSequence => _lastSequence;

    /// <summary>Records appended since open.</summary>
    public long RecordsAppended { get; private set; }

    /// <summary>Bytes written to segment files since open (records and headers).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The durability mode.</summary>
    public DurabilityMode Durability => _options.Durability;

    /// <summary>Segments rolled and handed to the sealer but not sealed yet.</summary>
    public int SegmentsAwaitingSeal => _finisher.Pending;

    /// <summary>Opens (or creates) the journal in <see cref="JournalWriterOptions.Folder"/>, recovering from any crash first.</summary>
    /// <exception cref="JournalException">The folder is unwritable, in use by another writer, or holds damage recovery must not guess about.</exception>
    public static JournalWriter Open(JournalWriterOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        string folder = Path.GetFullPath(options.Folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JournalException($"Journal folder '{folder}' cannot be created: {ex.Message}", ex);
        }

        FileStream writerLock;
        try
        {
            writerLock = new FileStream(Path.Combine(folder, JournalFormat.WriterLock), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new JournalException($"Journal folder '{folder}' is not writable: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new JournalException($"Journal '{folder}' is already open by another writer (its {JournalFormat.WriterLock} is locked): {ex.Message}", ex);
        }

        var writer = new JournalWriter(new JournalWriterOptions
        {
            Folder = folder,
            Durability = options.Durability,
            FsyncInterval = options.FsyncInterval,
            SegmentBytes = options.SegmentBytes,
            BufferBytes = options.BufferBytes,
            SealRolledSegments = options.SealRolledSegments,
            SealOnClose = options.SealOnClose,
            CompressionLevel = options.CompressionLevel,
            OnSealed = options.OnSealed,
            OnFinishFailed = options.OnFinishFailed,
            NewJournalId = options.NewJournalId,
            Clock = options.Clock,
        }, logger, writerLock);
        try
        {
            writer.Recover();
            writer.PrepareNextSpare();
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return writer;
    }

    /// <summary>
    /// Reserves room for a record of <paramref name="payloadLength"/> bytes and returns the span
    /// to write its payload into; finish with <see cref="CommitRecord"/>. Rolls the segment first
    /// if the record would not fit.
    /// </summary>
    public Span<byte> BeginRecord(int payloadLength)
    {
        int size = RecordLayout.SizeOf(payloadLength);
        if (size > JournalFormat.MaxRecordSize)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), payloadLength, $"A record may hold at most {JournalFormat.MaxRecordSize - JournalFormat.RecordOverhead} payload bytes.");
        }

        long segmentSize = _fileLength + _buffered;
        if (segmentSize + size > _options.SegmentBytes && _nextRecordNumber > FirstRecordNumberOfSegment)
        {
            Roll();
        }

        if (_buffered + size > _buffer.Length)
        {
            WriteBuffer();
            if (size > _buffer.Length)
            {
                _buffer = new byte[size];
            }
        }

        _pendingPayloadOffset = _buffered + JournalFormat.RecordHeaderSize;
        return _buffer.AsSpan(_pendingPayloadOffset, payloadLength);
    }

    /// <summary>Completes the record begun with <see cref="BeginRecord"/>: header, CRC, and a record number.</summary>
    public void CommitRecord(RecordType type, ushort version, long sequence, long timestampNs, int payloadLength)
    {
        int start = _pendingPayloadOffset - JournalFormat.RecordHeaderSize;
        _buffered += RecordLayout.Seal(_buffer.AsSpan(start), type, version, _nextRecordNumber++, sequence, timestampNs, payloadLength);
        _lastSequence = sequence;
        RecordsAppended++;
    }

    /// <summary>Appends a whole record.</summary>
    public void Append(RecordType type, ushort version, long sequence, long timestampNs, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(BeginRecord(payload.Length));
        CommitRecord(type, version, sequence, timestampNs, payload.Length);
    }

    /// <summary>The end of a batch of ring events: makes the batch as durable as the mode promises.</summary>
    public void EndOfBatch()
    {
        switch (_options.Durability)
        {
            case DurabilityMode.None:
                return;
            case DurabilityMode.Fsync:
                WriteBuffer();
                Fsync();
                return;
            default:
                WriteBuffer();
                return;
        }
    }

    /// <summary>Writes everything buffered; with <paramref name="toDisk"/>, fsyncs too.</summary>
    public void Flush(bool toDisk = false)
    {
        WriteBuffer();
        if (toDisk)
        {
            Fsync();
        }
    }

    /// <summary>
    /// Closes the active segment and starts the next: at session end, or when it is full. The next
    /// segment's file was created ahead of time by the finisher, so the roll only renames it and
    /// writes its header; making the old segment durable, hashing, linking and sealing happen on the
    /// finisher's thread. Only <see cref="DurabilityMode.Fsync"/> fsyncs here, as it promises.
    /// </summary>
    public void Roll()
    {
        WriteBuffer();
        string rolledPath;
        lock (_fileLock)
        {
            if (_options.Durability == DurabilityMode.Fsync)
            {
                DiskSync.Flush(_file);
            }

            _file.Dispose();
            rolledPath = _filePath;
            _dirty = false;
        }

        Log.Rolled(_logger, _segmentNumber, _fileLength);
        CreateSegment(_segmentNumber + 1, previousHash: null, ahead: true);
        _finisher.Enqueue(rolledPath, _filePath, _options.SealRolledSegments);
        PrepareNextSpare();
    }

    /// <summary>Blocks until rolled segments are linked and sealed.</summary>
    public void WaitForSealing() => _finisher.WaitIdle();

    /// <summary>Flushes, fsyncs and (by default) seals the active segment.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _intervalTimer?.Dispose();
        if (_file is not null && !_file.IsClosed)
        {
            WriteBuffer();
            lock (_fileLock)
            {
                DiskSync.Flush(_file);
                _file.Dispose();
            }

            if (_options.SealOnClose)
            {
                _finisher.Enqueue(_filePath, null, seal: true);
            }
        }

        _finisher.WaitIdle();
        _finisher.Dispose();
        _lock.Dispose();
    }

    private ulong FirstRecordNumberOfSegment { get; set; }

    private void WriteBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        RandomAccess.Write(_file, _buffer.AsSpan(0, _buffered), _fileLength);
        _fileLength += _buffered;
        BytesWritten += _buffered;
        _buffered = 0;
        _dirty = true;
    }

    private void Fsync()
    {
        lock (_fileLock)
        {
            DiskSync.Flush(_file);
            _dirty = false;
        }
    }

    private void FsyncIfDirty()
    {
        lock (_fileLock)
        {
            if (_dirty && _file is { IsClosed: false })
            {
                DiskSync.Flush(_file);
                _dirty = false;
            }
        }
    }

    // A null previous hash leaves the link pending: the finisher fills it in once it has hashed
    // the previous segment, so the writer never waits for a hash. Ahead of time (a roll), the file
    // is the finisher's spare, renamed; at open, and whenever the spare is not ready, it is created
    // here. Either way only an open, or fsync durability, waits for the disk on this thread: after
    // a roll the finisher fsyncs the new segment and the folder.
    private void CreateSegment(ulong number, byte[]? previousHash, bool ahead = false)
    {
        var header = new SegmentHeader(JournalId, number, _nextRecordNumber, _lastSequence + 1, _options.Clock?.Invoke() ?? UnixTime.NowNanoseconds(), previousHash ?? new byte[32], _schema);
        byte[] bytes = header.ToBytes();
        string path = Path.Combine(_options.Folder, SegmentFile.NameOf(number, sealedForm: false));
        SafeFileHandle file;
        if (ahead && _finisher.TakeSpare(path) is { } spare)
        {
            File.Move(SegmentFinisher.SparePath(path), path);
            file = spare;
        }
        else
        {
            file = SegmentFinisher.CreateSegmentFile(path, Reserve, _logger);
        }

        RandomAccess.Write(file, bytes, 0);
        if (!ahead || _options.Durability == DurabilityMode.Fsync)
        {
            DiskSync.Flush(file);
            DiskSync.Folder(_options.Folder);
        }

        lock (_fileLock)
        {
            _file = file;
            _filePath = path;
            _fileLength = bytes.Length;
            _segmentNumber = number;
        }

        BytesWritten += bytes.Length;
        FirstRecordNumberOfSegment = _nextRecordNumber;
    }

    private long Reserve => Math.Min(_options.SegmentBytes, 256L * 1024 * 1024);

    private void PrepareNextSpare() =>
        _finisher.PrepareSpare(Path.Combine(_options.Folder, SegmentFile.NameOf(_segmentNumber + 1, sealedForm: false)), Reserve);

    private void ContinueSegment(SegmentFile segment, SegmentHeader header, int keptLength)
    {
        var file = File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        if (RandomAccess.GetLength(file) != keptLength)
        {
            RandomAccess.SetLength(file, keptLength);
            DiskSync.Flush(file);
        }

        _file = file;
        _filePath = segment.Path;
        _fileLength = keptLength;
        _segmentNumber = segment.Number;
        FirstRecordNumberOfSegment = header.FirstRecordNumber;
    }

    private void Recover()
    {
        string folder = _options.Folder;
        var actions = new List<string>();
        TornTail? torn = null;
        long recordsKept = 0;

        foreach (string stale in Directory.EnumerateFiles(folder, "*" + JournalFormat.SealedExtension + ".tmp"))
        {
            File.Delete(stale);
            actions.Add($"removed {Path.GetFileName(stale)}, a sealing that a crash interrupted");
        }

        ResolveSpares(folder, actions);
        FinishInterruptedSealing(SegmentFile.List(folder), actions);

        var archived = ArchiveManifest.Load(folder);
        var segments = SegmentFile.List(folder);
        while (segments.Count > 0 && !segments[^1].Sealed && IsTornCreation(segments[^1], actions))
        {
            segments = SegmentFile.List(folder);
        }

        if (segments.Count == 0)
        {
            var last = archived.Count > 0 ? archived[^1] : null;
            JournalId = last?.JournalId ?? _options.NewJournalId ?? Guid.NewGuid();
            _nextRecordNumber = last?.NextRecordNumber ?? 0;
            _lastSequence = last?.LastSequence ?? -1;
            CreateSegment(last is null ? 0 : last.Segment + 1, last is null ? new byte[32] : Convert.FromHexString(last.Sha256));
            Recovery = new RecoveryReport(last is null, JournalId, _segmentNumber, _nextRecordNumber, _lastSequence, 0, null, actions);
            return;
        }

        LinkPendingSegments(segments, archived.Count > 0 ? archived[^1] : null, actions);
        foreach (var stale in segments.Take(segments.Count - 1).Where(s => !s.Sealed))
        {
            if (_options.SealRolledSegments)
            {
                actions.Add($"segment {stale.Number} was rolled but not sealed; sealing it now");
                _finisher.Enqueue(stale.Path, null, seal: true);
            }
        }

        if (segments.Count == 0)
        {
            throw new JournalException($"Journal '{folder}': every segment disappeared during recovery.");
        }

        var lastFile = segments[^1];
        var content = SegmentContent.Load(lastFile);
        if (content.Header is null)
        {
            throw new JournalException($"Journal '{folder}': the header of segment {lastFile.Number} ({Path.GetFileName(lastFile.Path)}) is damaged ({content.HeaderError}). Recovery will not guess; run 'journal verify {folder}' and move the segment aside.");
        }

        JournalId = content.Header.JournalId;
        var scan = SegmentScan.Run(content.Span, content.Header.Length);
        var (lastRecord, count) = LastRecordWithResync(content.Span, content.Header.Length);
        recordsKept = count;
        _nextRecordNumber = lastRecord is { } r ? r.RecordNumber + 1 : content.Header.FirstRecordNumber;
        _lastSequence = lastRecord?.Sequence ?? content.Header.FirstSequence - 1;

        if (lastFile.Sealed)
        {
            if (scan.IsDamaged)
            {
                actions.Add($"sealed segment {lastFile.Number} is damaged at offset {scan.ValidEnd}; it is left as it is for 'journal verify' to report");
            }

            CreateSegment(lastFile.Number + 1, content.ContentSha256());
            actions.Add($"started segment {_segmentNumber} after sealed segment {lastFile.Number}");
        }
        else if (!scan.IsDamaged)
        {
            ContinueSegment(lastFile, content.Header, scan.ValidEnd);
        }
        else if (scan.IsTornTail)
        {
            torn = new TornTail(lastFile.Number, scan.ValidEnd, content.Length - scan.ValidEnd);
            ContinueSegment(lastFile, content.Header, scan.ValidEnd);
            actions.Add($"cut the torn tail of {torn}; record {_nextRecordNumber} (sequence after {_lastSequence}) was being written");
            Log.TornTail(_logger, torn.ToString());
        }
        else
        {
            // Damage with whole records after it: cutting would throw good records away.
            actions.Add($"active segment {lastFile.Number} is damaged at offset {scan.ValidEnd} with whole records after it (from offset {scan.ResumeOffset}); it is sealed as it is and writing continues in segment {lastFile.Number + 1}");
            CreateSegment(lastFile.Number + 1, content.ContentSha256());
            _finisher.Enqueue(lastFile.Path, null, _options.SealRolledSegments);
        }

        Recovery = new RecoveryReport(false, JournalId, _segmentNumber, _nextRecordNumber, _lastSequence, recordsKept, torn, actions);
        foreach (string action in actions)
        {
            Log.Recovered(_logger, action);
        }
    }

    // A crash between a roll and the finisher's work leaves a segment whose header still waits for
    // its predecessor's hash: compute it now.
    private static void LinkPendingSegments(IReadOnlyList<SegmentFile> segments, Archiving.ArchiveEntry? archivedBefore, List<string> actions)
    {
        for (int i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];

            // The finisher links a segment before it seals the one before it, so a segment whose
            // predecessor is sealed is linked already: only the few after the last seal are read.
            if (segment.Number == 0 || (i > 0 && segments[i - 1].Sealed) || (i == 0 && archivedBefore is null))
            {
                continue;
            }

            var content = segment.Sealed ? SegmentContent.Load(segment) : null;
            var header = content?.Header ?? ReadHeader(segment.Path);
            if (header is null || header.PreviousSha256.Any(b => b != 0))
            {
                continue;
            }

            byte[]? hash = null;
            if (i > 0 && segments[i - 1].Number == segment.Number - 1)
            {
                hash = SegmentContent.Load(segments[i - 1]).ContentSha256();
            }
            else if (i == 0 && archivedBefore is { } archived && archived.Segment == segment.Number - 1)
            {
                hash = Convert.FromHexString(archived.Sha256);
            }

            if (hash is null)
            {
                continue;
            }

            if (segment.Sealed)
            {
                // Sealed before its link was written (should not happen): rewrite it linked.
                byte[] bytes = content!.Span.ToArray();
                string active = Path.ChangeExtension(Path.ChangeExtension(segment.Path, null), null) + JournalFormat.ActiveExtension;
                File.WriteAllBytes(active, bytes);
                SegmentFinisher.LinkPrevious(active, hash);
                SegmentFinisher.Seal(active);
            }
            else
            {
                SegmentFinisher.LinkPrevious(segment.Path, hash);
            }

            actions.Add($"linked segment {segment.Number} to segment {segment.Number - 1} (the hash link was pending when the writer stopped)");
        }
    }

    private static SegmentHeader? ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var head = new byte[Math.Min(stream.Length, 64 * 1024)];
        stream.ReadExactly(head);
        return SegmentHeader.TryRead(head, out var header, out _) ? header : null;
    }

    private static (RecordHeader? Last, long Count) LastRecordWithResync(ReadOnlySpan<byte> bytes, int start)
    {
        RecordHeader? last = null;
        long count = 0;
        int offset = start;
        while (offset >= 0 && offset < bytes.Length)
        {
            var scan = SegmentScan.Run(bytes, offset);
            count += scan.ValidRecords;
            last = scan.LastRecord ?? last;
            offset = scan.IsDamaged ? scan.ResumeOffset : -1;
        }

        return (last, count);
    }

    private static bool IsTornCreation(SegmentFile segment, List<string> actions)
    {
        long length = new FileInfo(segment.Path).Length;
        byte[] bytes = File.ReadAllBytes(segment.Path);
        if (SegmentHeader.TryRead(bytes, out _, out _))
        {
            return false;
        }

        // A header is written in one write before any record: a file that ends inside the header
        // it declares was cut while being created, and holds nothing.
        uint declared = bytes.Length >= 16 ? BitConverter.ToUInt32(bytes, 12) : uint.MaxValue;
        if (bytes.Length >= JournalFormat.SegmentFixedHeaderSize && declared <= bytes.Length)
        {
            return false;
        }

        File.Delete(segment.Path);
        actions.Add($"removed segment {segment.Number}: a crash interrupted its creation ({length} bytes of header, no records)");
        return true;
    }

    // A spare holds no records unless a power loss kept its header but lost the roll's rename:
    // then it is that segment, and takes its name back. Any other spare is simply removed.
    private static void ResolveSpares(string folder, List<string> actions)
    {
        foreach (string spare in Directory.EnumerateFiles(folder, "*" + JournalFormat.ActiveExtension + JournalFormat.SpareSuffix))
        {
            string segmentPath = spare[..^JournalFormat.SpareSuffix.Length];
            bool hasHeader = new FileInfo(spare).Length > 0 && ReadHeader(spare) is not null;
            string sealedPath = segmentPath[..^JournalFormat.ActiveExtension.Length] + JournalFormat.SealedExtension;
            if (hasHeader && !File.Exists(segmentPath) && !File.Exists(sealedPath))
            {
                File.Move(spare, segmentPath);
                actions.Add($"{Path.GetFileName(spare)} holds a segment whose roll did not reach the disk; renamed it to {Path.GetFileName(segmentPath)}");
            }
            else
            {
                File.Delete(spare);
            }
        }
    }

    private static void FinishInterruptedSealing(IReadOnlyList<SegmentFile> files, List<string> actions)
    {
        foreach (var pair in files.GroupBy(f => f.Number).Where(g => g.Count() == 2))
        {
            var active = pair.Single(f => !f.Sealed);
            var sealedFile = pair.Single(f => f.Sealed);
            bool identical;
            try
            {
                identical = SegmentContent.Load(sealedFile).Span.SequenceEqual(File.ReadAllBytes(active.Path));
            }
            catch (InvalidDataException)
            {
                identical = false;
            }

            if (identical)
            {
                File.Delete(active.Path);
                actions.Add($"finished the interrupted sealing of segment {pair.Key} (its sealed copy is complete)");
            }
            else
            {
                File.Delete(sealedFile.Path);
                actions.Add($"discarded an incomplete sealed copy of segment {pair.Key}; it will be sealed again");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "journal: rolled segment {Segment} at {Bytes} bytes")]
        public static partial void Rolled(ILogger logger, ulong segment, long bytes);

        [LoggerMessage(Level = LogLevel.Warning, Message = "journal recovery: cut the torn tail of {TornTail}")]
        public static partial void TornTail(ILogger logger, string tornTail);

        [LoggerMessage(Level = LogLevel.Information, Message = "journal recovery: {Action}")]
        public static partial void Recovered(ILogger logger, string action);
    }
}
