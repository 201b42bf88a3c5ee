namespace Engine.Host.Logging;

/// <summary>
/// Whether standard error goes to journald: systemd sets <c>JOURNAL_STREAM</c> to the device and
/// inode of the stream it connected, and a program checks that its own standard error is still
/// that stream (a shell inside the service may have redirected it) before it writes journald's
/// priority prefixes.
/// </summary>
public static class JournaldStream
{
    /// <summary>True when this process's standard error is the journal stream systemd gave it (Linux).</summary>
    public static bool IsStandardErrorConnected()
    {
        string? stream = Environment.GetEnvironmentVariable("JOURNAL_STREAM");
        if (string.IsNullOrEmpty(stream) || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Matches(stream, new FileInfo("/proc/self/fd/2").LinkTarget);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="journalStream"/> (<c>DEVICE:INODE</c>) names the socket <paramref name="standardErrorTarget"/> (<c>/proc/self/fd/2</c>'s link, <c>socket:[INODE]</c>) is.</summary>
    public static bool Matches(string journalStream, string? standardErrorTarget)
    {
        ArgumentNullException.ThrowIfNull(journalStream);
        int colon = journalStream.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == journalStream.Length - 1 || standardErrorTarget is null)
        {
            return false;
        }

        string inode = journalStream[(colon + 1)..];
        return inode.All(char.IsAsciiDigit) && standardErrorTarget == $"socket:[{inode}]";
    }
}
