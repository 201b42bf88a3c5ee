using Engine.Journal.Format;

namespace Engine.Journal.Reading;

/// <summary>
/// Reads the next segment a piece at a time, in the gaps of a thread that has them: a paced
/// replay's producer between one input's due time and the next. Without it, that producer either
/// stops for the whole 64 MiB read when it reaches the segment (every tick due meanwhile waits),
/// or a loading thread takes a core from the pipeline. The reader begins each next segment here
/// (<see cref="JournalReadOptions.IdleLoader"/>); the owner of the gaps reads it on with
/// <see cref="Advance"/>; whatever is left when the segment is reached is read then. A sealed
/// segment is decompressed when it is reached.
/// </summary>
/// <remarks>Used by one thread: the reader's. Holds the open file of the segment it is reading.</remarks>
public sealed class IdleSegmentLoader : IDisposable
{
    private SegmentFile? _file;
    private SegmentBuffers? _buffers;
    private bool _verifyFrameChecksum;
    private StoredSegmentFile _opened;
    private byte[]? _stored;
    private int _length;
    private int _read;

    /// <summary>True while a begun segment has bytes left to read.</summary>
    public bool HasWork => _opened.IsOpen;

    /// <summary>Segments begun here.</summary>
    public int SegmentsBegun { get; private set; }

    /// <summary>Segments whose every byte was read through <see cref="Advance"/> before the reader reached them.</summary>
    public int SegmentsReadInGaps { get; private set; }

    /// <summary>
    /// Reads up to <paramref name="maxBytes"/> more of the segment begun; false when there was
    /// nothing to read (no segment begun, or it is all in memory), so the caller can wait instead.
    /// </summary>
    public bool Advance(int maxBytes)
    {
        if (!HasWork)
        {
            return false;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        try
        {
            var piece = _stored.AsSpan(_read, Math.Min(maxBytes, _length - _read));
            int read = _opened.ReadAt(piece, _read);
            if (read <= 0)
            {
                // Shorter than when it was opened: the read when it is reached will say why.
                Abandon();
                return false;
            }

            _read += read;
            if (_read == _length)
            {
                CloseFile();
                SegmentsReadInGaps++;
            }

            return true;
        }
        catch (IOException)
        {
            Abandon();
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Abandon();

    /// <summary>Starts reading <paramref name="file"/> into one of <paramref name="buffers"/>; nothing is read yet.</summary>
    internal void Begin(SegmentFile file, SegmentBuffers? buffers, bool verifyFrameChecksum)
    {
        // The segment these buffers held mapped is behind the reader: let it go before reusing them.
        buffers?.ReleaseMap();
        Abandon();
        SegmentsBegun++;
        try
        {
            _opened = StoredSegmentFile.Open(file.Path);
            _length = checked((int)_opened.Length);
            _stored = SegmentContent.StoredBuffer(file, buffers, _length);
        }
        catch (IOException)
        {
            // Gone or unreadable now (a segment sealed meanwhile is renamed): the reader loads it afresh.
            Abandon();
            return;
        }

        _file = file;
        _buffers = buffers;
        _verifyFrameChecksum = verifyFrameChecksum;
        _read = 0;
        if (_length == 0)
        {
            CloseFile();
        }
    }

    /// <summary>
    /// The content of <paramref name="file"/> if it is the segment begun here, reading whatever is
    /// left first; null otherwise (the reader then loads it the usual way).
    /// </summary>
    /// <exception cref="InvalidDataException">A sealed segment's frame cannot be opened.</exception>
    internal SegmentContent? TryComplete(SegmentFile file)
    {
        if (_file is null || _file != file || _stored is null)
        {
            return null;
        }

        try
        {
            if (HasWork)
            {
                _opened.ReadExactly(_stored.AsSpan(_read, _length - _read), _read);
                _read = _length;
                CloseFile();
            }

            return SegmentContent.FromStored(file, _stored, _length, _buffers, _verifyFrameChecksum);
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            Abandon();
        }
    }

    private void CloseFile()
    {
        _opened.Close();
    }

    private void Abandon()
    {
        CloseFile();
        _file = null;
        _buffers = null;
        _stored = null;
        _length = 0;
        _read = 0;
    }
}
