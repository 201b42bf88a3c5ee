using System.Globalization;

namespace Engine.Journal.Format;

/// <summary>A segment file in a journal folder: its number, whether it is sealed, and its path.</summary>
/// <param name="Number">The segment number from the file name.</param>
/// <param name="Sealed">True for an LZ4 frame (<c>.seg.lz4</c>), false for the active form (<c>.seg</c>).</param>
/// <param name="Path">Full path.</param>
public sealed record SegmentFile(ulong Number, bool Sealed, string Path)
{
    /// <summary>The file name of segment <paramref name="number"/>.</summary>
    public static string NameOf(ulong number, bool sealedForm) =>
        number.ToString("D8", CultureInfo.InvariantCulture) + (sealedForm ? JournalFormat.SealedExtension : JournalFormat.ActiveExtension);

    /// <summary>Every segment file in <paramref name="folder"/>, by number; both forms are listed where both exist.</summary>
    public static IReadOnlyList<SegmentFile> List(string folder)
    {
        var files = new List<SegmentFile>();
        if (!Directory.Exists(folder))
        {
            return files;
        }

        foreach (var path in Directory.EnumerateFiles(folder))
        {
            string name = System.IO.Path.GetFileName(path);
            bool isSealed = name.EndsWith(JournalFormat.SealedExtension, StringComparison.Ordinal);
            bool isActive = !isSealed && name.EndsWith(JournalFormat.ActiveExtension, StringComparison.Ordinal);
            if (!isSealed && !isActive)
            {
                continue;
            }

            string stem = name[..^(isSealed ? JournalFormat.SealedExtension.Length : JournalFormat.ActiveExtension.Length)];
            if (ulong.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
            {
                files.Add(new SegmentFile(number, isSealed, path));
            }
        }

        return files.OrderBy(f => f.Number).ThenBy(f => f.Sealed).ToList();
    }
}
