using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Engine.Journal.Compression;
using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// Walks the records of one loaded segment: each whole record in order, each damaged stretch
/// reported through <see cref="JournalReadOptions.OnDamage"/> and skipped or stopped at as the
/// options say. A call to <c>TryNext</c> is all a record costs, so a replay reads a
/// segment without an enumerator per record or a copy of the record.
/// </summary>
public sealed unsafe class SegmentRecordCursor
{
    private SegmentContent _content;
    private JournalReadOptions _options;
    private bool _isActive;
    // The content is in a buffer or mapped in place; a record's bytes are sliced from whichever it
    // is without going through ReadOnlyMemory's type checks for every record.
    private byte[]? _array;
    private MappedSegment? _mapping;
    private int _end;
    private int _offset;

    // The last record's number and sequence, for damage reports. Kept as scalars: copying the
    // whole header out of TryRead's result made a wide load over its narrow stores, which the
    // CPU cannot forward, and that stall was the cursor's hottest instruction.
    private ulong? _lastRecordNumber;
    private long? _lastSequence;
    private bool _done;

    /// <summary>A cursor at the first record of <paramref name="content"/>; <paramref name="isActive"/>: the segment a writer may still be appending to.</summary>
    public SegmentRecordCursor(SegmentContent content, JournalReadOptions options, bool isActive)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        Reset(content, options, isActive);
    }

    /// <summary>The segment's number.</summary>
    public ulong Segment => _content.File.Number;

    /// <summary>The offset of the record the last <c>TryNext</c> returned.</summary>
    public int RecordOffset { get; private set; } = -1;

    /// <summary>True when damage stopped the reading and later segments should not be read.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The next whole record's header and payload (a view of the segment's buffer); false at the segment's end or where damage stops it.</summary>
    public bool TryNext(out RecordHeader header, out ReadOnlySpan<byte> payload)
    {
        if (!_done && _content.HeaderLength == 0)
        {
            Damaged(-1, RecordCheck.BadCrc, $"unreadable header: {_content.HeaderError}", -1);
            Stopped = !_options.SkipDamaged;
            _done = true;
        }

        while (!_done && _offset < _end)
        {
            var check = RecordLayout.TryRead(Bytes(_offset, _end - _offset), out header);
            if (check == RecordCheck.Valid)
            {
                payload = Bytes(_offset + JournalFormat.RecordHeaderSize, header.PayloadLength);
                RecordOffset = _offset;
                _lastRecordNumber = header.RecordNumber;
                _lastSequence = header.Sequence;
                _offset += header.Length;
                return true;
            }

            if (!Skip(check))
            {
                break;
            }
        }

        _done = true;
        header = default;
        payload = default;
        return false;
    }

    /// <summary>The next whole record as a <see cref="JournalRecord"/> (its payload a view of the segment's buffer).</summary>
    public bool TryNext(out JournalRecord record)
    {
        bool found = TryNext(out RecordHeader _, out _);
        record = found ? Current : default;
        return found;
    }

    /// <summary>The record the last <c>TryNext</c> returned, as a <see cref="JournalRecord"/>.</summary>
    public JournalRecord Current
    {
        get
        {
            if (RecordOffset < 0)
            {
                throw new InvalidOperationException("No record has been read from this segment yet.");
            }

            var header = RecordLayout.ReadHeader(Bytes(RecordOffset, _end - RecordOffset));
            return new JournalRecord(header, _content.Memory.Slice(RecordOffset + JournalFormat.RecordHeaderSize, header.PayloadLength), Segment, RecordOffset);
        }
    }

    /// <summary>
    /// A cursor at the first record of <paramref name="content"/>: through reused buffers, the one
    /// over their last content, reset; otherwise a new one.
    /// </summary>
    internal static SegmentRecordCursor For(SegmentContent content, SegmentBuffers? buffers, JournalReadOptions options, bool isActive)
    {
        if (buffers is null)
        {
            return new SegmentRecordCursor(content, options, isActive);
        }

        if (buffers.LastCursor is { } reused)
        {
            reused.Reset(content, options, isActive);
            return reused;
        }

        return buffers.LastCursor = new SegmentRecordCursor(content, options, isActive);
    }

    [MemberNotNull(nameof(_content), nameof(_options))]
    private void Reset(SegmentContent content, JournalReadOptions options, bool isActive)
    {
        _content = content;
        _options = options;
        _isActive = isActive;
        _array = content.Array;
        _mapping = content.Mapping;
        _end = content.Length;
        _offset = content.HeaderLength;
        _lastRecordNumber = null;
        _lastSequence = null;
        _done = false;
        RecordOffset = -1;
        Stopped = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Bytes(int offset, int length)
    {
        if (_array is not null)
        {
            return new ReadOnlySpan<byte>(_array, offset, length);
        }

        // A cursor read after its reader let the map go must fail here, not fault the process.
        ObjectDisposedException.ThrowIf(_mapping!.IsReleased, this);
        return new ReadOnlySpan<byte>(_mapping.Address + offset, length);
    }

    // Reports the damage at the cursor; true when reading goes on at the next whole record.
    private bool Skip(RecordCheck check)
    {
        int resume = SegmentScan.FindNextRecord(_content.Span, _offset + 1, _lastRecordNumber);
        string detail = check switch
        {
            RecordCheck.Truncated => $"record ends past the end of the segment ({_end - _offset} bytes left)",
            RecordCheck.BadLength => "impossible record length",
            RecordCheck.BadCrc => "CRC mismatch: the record was altered or damaged",
            _ => check.ToString(),
        };

        // Where a damaged LZ4 block of the sealed file is the cause, say which block and bytes.
        if (LostBlock(_offset, resume < 0 ? _end : resume) is { } block)
        {
            detail = $"records lost with a damaged LZ4 block of {Path.GetFileName(_content.File.Path)}: {block}";
        }

        Damaged(_offset, check, detail, resume);
        if (resume < 0)
        {
            // Nothing whole follows in this segment: a torn tail (active) or a damaged end (sealed).
            Stopped = !_options.SkipDamaged && !_isActive;
            return false;
        }

        if (!_options.SkipDamaged)
        {
            Stopped = true;
            return false;
        }

        _offset = resume;
        return true;
    }

    private void Damaged(int offset, RecordCheck check, string detail, int resume) =>
        _options.OnDamage?.Invoke(new RecordDamage(_content.File.Number, Path.GetFileName(_content.File.Path), offset, check, detail, _lastRecordNumber, _lastSequence, resume, _isActive));

    private Lz4BlockDamage? LostBlock(int from, int until)
    {
        foreach (var block in _content.Damage)
        {
            if (block.ContentOffset < until && block.ContentOffset + block.ContentLength > from)
            {
                return block;
            }
        }

        return null;
    }
}
