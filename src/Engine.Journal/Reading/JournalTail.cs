using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// Follows a journal that a writer is appending to: reads only the bytes added to the active
/// segment since the last poll, keeps a partial record until it is complete, and moves on when the
/// writer rolls to a new segment (even if the old one has been sealed and renamed meanwhile).
/// </summary>
public sealed class JournalTail(string folder)
{
    private ulong? _segment;
    private long _offset;
    private ulong _nextRecordNumber;
    private bool _started;

    /// <summary>Returns the records appended since the last call (all records on the first call, or only the last <paramref name="initialRecords"/>).</summary>
    public IReadOnlyList<JournalRecord> Poll(int initialRecords = int.MaxValue)
    {
        var output = new List<JournalRecord>();
        var segments = JournalReader.Open(folder).Segments;
        if (segments.Count == 0)
        {
            return output;
        }

        if (!_started)
        {
            _started = true;
            var all = JournalReader.Open(folder).Read(new JournalReadOptions { SkipDamaged = true }).ToList();
            output.AddRange(all.Skip(Math.Max(0, all.Count - initialRecords)));
            if (all.Count > 0)
            {
                _nextRecordNumber = all[^1].RecordNumber + 1;
            }

            var last = segments[^1];
            _segment = last.Number;
            _offset = all.Count > 0 && all[^1].Segment == last.Number ? all[^1].Offset + all[^1].Header.Length : HeaderLengthOf(last);
            return output;
        }

        try
        {
            foreach (var file in segments.Where(s => s.Number >= _segment))
            {
                if (file.Number != _segment)
                {
                    int headerLength = HeaderLengthOf(file);
                    _segment = file.Number;
                    _offset = headerLength;
                }

                ReadFrom(file, output);
            }
        }
        catch (FileNotFoundException)
        {
            // The writer sealed a segment (and removed its uncompressed form) while we looked:
            // what was read is kept, and the next poll finds the sealed form.
        }

        return output;
    }

    private void ReadFrom(SegmentFile file, List<JournalRecord> output)
    {
        ReadOnlyMemory<byte> bytes;
        int start;
        if (file.Sealed)
        {
            bytes = SegmentContent.Load(file).Memory;
            start = (int)_offset;
        }
        else
        {
            // A segment sealed between listing and opening throws FileNotFoundException, which
            // Poll treats as "look again next time".
            using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= _offset)
            {
                return;
            }

            stream.Position = _offset;
            var read = new byte[stream.Length - _offset];
            stream.ReadExactly(read);
            bytes = read;
            start = 0;
        }

        int offset = start;
        while (offset < bytes.Length)
        {
            if (RecordLayout.TryRead(bytes.Span[offset..], out var header) != RecordCheck.Valid)
            {
                break;   // incomplete: wait for the rest
            }

            if (header.RecordNumber >= _nextRecordNumber)
            {
                output.Add(new JournalRecord(header, bytes.Slice(offset + JournalFormat.RecordHeaderSize, header.PayloadLength), file.Number, (int)(_offset + offset - start)));
                _nextRecordNumber = header.RecordNumber + 1;
            }

            offset += header.Length;
        }

        _offset += offset - start;
    }

    private static int HeaderLengthOf(SegmentFile file)
    {
        ReadOnlyMemory<byte> content = file.Sealed ? SegmentContent.Load(file).Memory : ReadHead(file.Path);
        return SegmentHeader.TryRead(content.Span, out var header, out _) ? header!.Length : int.MaxValue;
    }

    private static byte[] ReadHead(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var head = new byte[Math.Min(stream.Length, 64 * 1024)];
        stream.ReadExactly(head);
        return head;
    }
}
