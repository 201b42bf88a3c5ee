namespace Engine.Tests;

/// <summary>Finds the repository's <c>tests/data</c> folder from wherever the test assembly runs.</summary>
internal static class TestData
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/data not found above {AppContext.BaseDirectory}");
    });

    public static string RepositoryRoot => Path.GetDirectoryName(Path.GetDirectoryName(s_root.Value))!;

    public static string PathOf(string relative) => Path.Combine(s_root.Value, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>The shared <c>.packet</c> files from the mocks repository are base64 text of one raw packet.</summary>
    public static byte[] Base64(string relative) => Convert.FromBase64String(File.ReadAllText(PathOf(relative)).Trim());
}
