using Microsoft.Win32.SafeHandles;

namespace Engine.Journal.Reading;

/// <summary>
/// A segment's file open for reading its stored bytes at any offset: a libc descriptor where
/// <see cref="PosixFile"/> is supported, so opening one allocates nothing, else a framework handle.
/// A value, held by whoever reads the file and closed by them.
/// </summary>
internal struct StoredSegmentFile
{
    // A default value is a closed file: the descriptor counts only while _posix is set.
    private bool _posix;
    private int _fd;
    private SafeFileHandle? _handle;

    /// <summary>True from <see cref="Open"/> until <see cref="Close"/>.</summary>
    public readonly bool IsOpen => _posix || _handle is not null;

    /// <summary>The file's length in bytes when it was opened.</summary>
    public long Length { get; private set; }

    /// <summary>Opens <paramref name="path"/>; a missing file is a <see cref="FileNotFoundException"/>.</summary>
    public static StoredSegmentFile Open(string path)
    {
        var file = default(StoredSegmentFile);
        if (PosixFile.IsSupported)
        {
            file._fd = PosixFile.OpenRead(path);
            file._posix = true;
        }
        else
        {
            file._handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        }

        try
        {
            file.Length = file._posix ? PosixFile.Length(file._fd) : RandomAccess.GetLength(file._handle!);
        }
        catch
        {
            file.Close();
            throw;
        }

        return file;
    }

    /// <summary>Reads what the file has of <paramref name="destination"/>'s length from <paramref name="offset"/>: 0 at its end.</summary>
    public readonly int ReadAt(Span<byte> destination, long offset) =>
        _posix ? PosixFile.ReadAt(_fd, destination, offset) : RandomAccess.Read(_handle!, destination, offset);

    /// <summary>Reads exactly <paramref name="destination"/>'s length from <paramref name="offset"/>; a file that ends before that is an <see cref="EndOfStreamException"/>.</summary>
    public readonly void ReadExactly(Span<byte> destination, long offset)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int read = ReadAt(destination[done..], offset + done);
            if (read == 0)
            {
                throw new EndOfStreamException($"The file ended after {offset + done} of {offset + destination.Length} bytes.");
            }

            done += read;
        }
    }

    /// <summary>Closes the file (a map made from it stays valid); closing a closed one does nothing.</summary>
    public void Close()
    {
        if (_posix)
        {
            PosixFile.Close(_fd);
            _posix = false;
        }

        _handle?.Dispose();
        _handle = null;
    }
}
