using System.CommandLine;
using Engine.Cli.Commands;

namespace Engine.Cli;

/// <summary>The <c>engine</c> executable.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("A low-latency trading engine for Indian markets through Zerodha Kite Connect.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(TicksCommand.Create());
        root.Subcommands.Add(KiteCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(IndicatorsCommand.Create());
        root.Subcommands.Add(ChargesCommand.Create());
        root.Subcommands.Add(CtlCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(InstrumentsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(RebalanceCommand.Create());
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Engine.Host.Configuration.ConfigurationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is FormatException or Engine.Core.Strategies.StrategyConfigurationException or ArgumentException or Engine.Journal.JournalException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }
}
