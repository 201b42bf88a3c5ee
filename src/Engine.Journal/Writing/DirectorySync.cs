using System.Runtime.InteropServices;

namespace Engine.Journal.Writing;

/// <summary>
/// fsync of a directory, so that a created, renamed or deleted file survives a power cut (the
/// file's own fsync does not cover its name). Linux only; elsewhere a no-op.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int DirectoryFlag = 0x10000;

    public static void Sync(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int fd = open(folder, ReadOnly | DirectoryFlag);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = fsync(fd);
        }
        finally
        {
            _ = close(fd);
        }
    }

#pragma warning disable SYSLIB1054, CA5392, CA2101 // plain libc calls; the path is ASCII-safe UTF-8 on Linux
    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
#pragma warning restore SYSLIB1054, CA5392, CA2101
}
