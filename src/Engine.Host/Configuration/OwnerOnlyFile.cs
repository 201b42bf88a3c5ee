namespace Engine.Host.Configuration;

/// <summary>Files only their owner may read: secrets (credentials, the admin token) are written and checked through here.</summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>True when group or others may read, write or run <paramref name="path"/>.</summary>
    public static bool OthersCanReach(string path) => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & Others) != 0;

    /// <summary>The file's mode as four octal digits, for messages.</summary>
    public static string ModeText(string path) => OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');

    /// <summary>Writes <paramref name="lines"/> to <paramref name="path"/>: a new file made 0600 before anything is in it, then moved into place.</summary>
    public static void Write(string path, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            foreach (string line in lines)
            {
                writer.WriteLine(line);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
