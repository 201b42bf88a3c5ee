using System.CommandLine;
using System.Runtime.InteropServices;
using Engine.Journal.Reading;
using Engine.JournalTool.Rendering;

namespace Engine.JournalTool.Commands;

/// <summary><c>journal tail</c>: the last records, and with <c>-f</c> every new one as the writer appends it.</summary>
public static class TailCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var common = new CommonOptions();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing records as they are appended (Ctrl-C to stop)." };
        var lines = new Option<int>("-n") { Description = "How many of the last records to print first.", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        var interval = new Option<int>("--interval-ms") { Description = "How often to look for new records with -f.", DefaultValueFactory = _ => 200 };
        var command = new Command("tail", "Print the last records of a journal; -f follows a live journal across segment rolls.") { follow, lines, format, interval };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = parse.GetValue(common.Folder)!;
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"Journal folder '{folder}' does not exist.");
            }

            var filter = common.Filter(parse);
            bool json = parse.GetValue(format) == "json";
            var tail = new JournalTail(folder);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
            var initial = tail.Poll().Where(r => filter.Accepts(r)).ToList();
            foreach (var record in initial.Skip(Math.Max(0, initial.Count - parse.GetValue(lines))))
            {
                Console.Out.WriteLine(json ? RecordRenderer.ToJson(record) : RecordRenderer.ToText(record));
            }

            Console.Out.Flush();
            while (parse.GetValue(follow) && !stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(parse.GetValue(interval), stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                foreach (var record in tail.Poll())
                {
                    if (filter.Accepts(record))
                    {
                        Console.Out.WriteLine(json ? RecordRenderer.ToJson(record) : RecordRenderer.ToText(record));
                    }
                }

                Console.Out.Flush();
            }

            return 0;
        });
        return command;
    }
}
