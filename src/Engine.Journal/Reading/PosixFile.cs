using System.Runtime.InteropServices;
using System.Text;

namespace Engine.Journal.Reading;

/// <summary>
/// The few libc calls a reader needs to open, read and map a segment without allocating:
/// <see cref="FileStream"/> and <see cref="System.IO.MemoryMappedFiles.MemoryMappedFile"/> cost a
/// few hundred bytes of handles and wrappers for every segment opened. Linux only; elsewhere
/// <see cref="IsSupported"/> is false and the reader uses the framework's types.
/// </summary>
internal static unsafe partial class PosixFile
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;
    private const int SeekEnd = 2;
    private const int ProtectRead = 1;
    private const int MapPrivate = 2;
    private const int NotPermitted = 1;
    private const int NoSuchFile = 2;
    private const int Interrupted = 4;
    private const int AccessDenied = 13;

    // A path longer than this is encoded on the heap (rare, and allocation then is no worse than before).
    private const int StackPathBytes = 1024;

    /// <summary>True where these calls are used (64-bit Linux, where <c>off_t</c> is 64 bits).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>Opens <paramref name="path"/> for reading; a missing file is a <see cref="FileNotFoundException"/>, a file this process may not read an <see cref="UnauthorizedAccessException"/>, any other failure an <see cref="IOException"/>.</summary>
    public static int OpenRead(string path)
    {
        int bytes = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> encoded = bytes <= StackPathBytes ? stackalloc byte[StackPathBytes] : new byte[bytes];
        int length = Encoding.UTF8.GetBytes(path, encoded);
        encoded[length] = 0;
        int fd;
        fixed (byte* p = encoded)
        {
            fd = open(p, ReadOnly | CloseOnExec);
        }

        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // The exceptions a FileStream would throw, so callers' handling does not change.
            string message = $"Could not open '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).";
            throw errno switch
            {
                NoSuchFile => new FileNotFoundException($"Could not find file '{path}'.", path),
                NotPermitted or AccessDenied => new UnauthorizedAccessException(message),
                _ => new IOException(message),
            };
        }

        return fd;
    }

    /// <summary>The file's length in bytes.</summary>
    public static long Length(int fd)
    {
        long length = lseek(fd, 0, SeekEnd);
        if (length < 0)
        {
            throw LastError("seek");
        }

        return length;
    }

    /// <summary>Reads what the file has of <paramref name="destination"/>'s length from <paramref name="offset"/>: 0 at its end.</summary>
    public static int ReadAt(int fd, Span<byte> destination, long offset)
    {
        fixed (byte* start = destination)
        {
            while (true)
            {
                nint read = pread(fd, start, (nuint)destination.Length, offset);
                if (read >= 0)
                {
                    return (int)read;
                }

                if (Marshal.GetLastPInvokeError() != Interrupted)
                {
                    throw LastError("read");
                }
            }
        }
    }

    /// <summary>Maps the first <paramref name="length"/> bytes read-only; null where the map cannot be made.</summary>
    public static byte* Map(int fd, long length)
    {
        void* address = mmap(null, (nuint)length, ProtectRead, MapPrivate, fd, 0);
        return address == (void*)-1 ? null : (byte*)address;
    }

    /// <summary>Unmaps what <see cref="Map"/> mapped.</summary>
    public static void Unmap(byte* address, long length) => _ = munmap(address, (nuint)length);

    /// <summary>Closes the file (a map made from it stays valid).</summary>
    public static void Close(int fd) => _ = close(fd);

    private static IOException LastError(string call)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
