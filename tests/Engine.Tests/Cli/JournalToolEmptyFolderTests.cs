using Engine.Tests.Journal;

namespace Engine.Tests.Cli;

/// <summary>
/// The journal tool pointed at a folder that holds no journal (a typo, the parent of the run
/// folders): every reading command says so and fails, rather than reporting an empty journal or
/// hinting at a configuration setting.
/// </summary>
public sealed class JournalToolEmptyFolderTests
{
    [Theory]
    [InlineData("stats")]
    [InlineData("dump")]
    [InlineData("orders")]
    [InlineData("latency")]
    [InlineData("export", "--type", "tick")]
    [InlineData("verify")]
    public void AFolderWithoutSegmentsIsAnErrorThatSaysSo(string command, params string[] options)
    {
        using var folder = new JournalFolder();
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "not a journal");

        var (exit, stdout, stderr) = EngineProcess.RunJournal([command, folder.Path, .. options]);

        Assert.NotEqual(0, exit);
        Assert.Contains("holds no journal segments", stderr + stdout);
        Assert.DoesNotContain("latency: true", stderr);
    }
}
