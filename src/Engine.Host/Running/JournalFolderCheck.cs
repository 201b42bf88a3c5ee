namespace Engine.Host.Running;

/// <summary>Checks, before anything is written, that a journal folder can be created or written.</summary>
public static class JournalFolderCheck
{
    /// <summary>Null when <paramref name="folder"/> is usable; otherwise why not. Leaves nothing behind.</summary>
    public static string? Problem(string folder)
    {
        string full = Path.GetFullPath(folder);
        string? existing = full;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"'{existing}' is a file, so the journal folder '{full}' cannot be created";
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            return $"no part of '{full}' exists";
        }

        string probe = Path.Combine(existing, $".engine-write-check-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return $"cannot write in '{existing}': {ex.Message}";
        }
    }
}
