using System.CommandLine;
using Engine.Journal.Archiving;

namespace Engine.Cli.Commands;

/// <summary><c>engine journal</c>: journal maintenance (reading and checking is the separate <c>journal</c> tool's job).</summary>
public static class JournalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var folder = new Argument<string>("journal") { Description = "The journal folder." };
        var destination = new Option<string>("--to") { Description = "The archive folder.", Required = true };
        var keep = new Option<int>("--keep") { Description = "Sealed segments to keep in place (the newest).", DefaultValueFactory = _ => 1 };
        var archive = new Command("archive", "Move old sealed segments to an archive folder. Nothing is ever deleted by default; this is the only way segments leave a journal, and the chain stays verifiable ('journal verify DIR --archive DEST').") { folder, destination, keep };
        archive.SetAction(parse =>
        {
            var moved = JournalArchiver.Archive(parse.GetValue(folder)!, parse.GetValue(destination)!, parse.GetValue(keep));
            foreach (var entry in moved)
            {
                Console.Out.WriteLine($"archived segment {entry.Segment} ({entry.File}) to {entry.MovedTo}, sha256 {entry.Sha256}");
            }

            Console.Out.WriteLine(moved.Count == 0 ? "nothing to archive" : $"archived {moved.Count} segments; recorded in {Path.Combine(parse.GetValue(folder)!, Engine.Journal.Format.JournalFormat.ArchiveManifest)}");
            return 0;
        });
        var journal = new Command("journal", "Journal maintenance. To read, verify, export or follow a journal, use the reader tool: ./run.sh journal --help");
        journal.Subcommands.Add(archive);
        return journal;
    }
}
