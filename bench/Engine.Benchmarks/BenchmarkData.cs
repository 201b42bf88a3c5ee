namespace Engine.Benchmarks;

/// <summary>Finds the repository (for its test data and configuration) from wherever BenchmarkDotNet runs the benchmark.</summary>
public static class BenchmarkData
{
    /// <summary>The folder holding Engine.sln.</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Engine.sln not found above the benchmark's folder.");
    }
}
