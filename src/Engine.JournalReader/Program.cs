using System.CommandLine;
using Engine.Journal;
using Engine.JournalTool.Commands;

namespace Engine.JournalTool;

/// <summary>
/// The auditors' tool: reads, checks and exports a journal folder without starting the engine.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Read, verify and export an engine journal without starting the engine. Output is machine-readable when piped; progress is shown only on a terminal.");
        root.Subcommands.Add(DumpCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(TailCommand.Create());
        root.Subcommands.Add(OrdersCommand.Create());
        root.Subcommands.Add(LatencyCommand.Create());
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is FormatException or DirectoryNotFoundException or FileNotFoundException or JournalException or IOException)
        {
            Console.Error.WriteLine($"journal: {ex.Message}");
            return 2;
        }
    }
}
