using System.CommandLine;
using Engine.Host.Replay;

namespace Engine.Cli.Commands;

/// <summary><c>engine replay</c>: the journal through the same pipeline; <c>--verify</c> proves every decision.</summary>
public static class ReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var journal = new Argument<string>("journal") { Description = "The journal folder." };
        var verify = new Option<bool>("--verify") { Description = "Compare every decision (signal intents, verdicts, order requests) with the recorded one; exit 1 at the first difference, printing both." };
        var speed = new Option<string>("--speed") { Description = "max (default), 1x (the recorded pace) or Nx.", DefaultValueFactory = _ => "max" };
        var from = new Option<string?>("--from") { Description = "Start verifying, pacing and printing here: an input sequence, a market time HH:mm[:ss] (IST, the run's day) or an ISO date-time. Earlier inputs still rebuild state." };
        var until = new Option<string?>("--until") { Description = "Stop after this input sequence or market time." };
        var config = new Option<string?>("--config") { Description = "Replay with the strategies, risk settings and calendar of this configuration instead of the recorded ones." };
        var decisions = new Option<bool>("--decisions") { Description = "Print every decision the replay makes." };
        var skipDamaged = new Option<bool>("--skip-damaged") { Description = "Continue past damaged records (reported) instead of stopping." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var core = new Option<int?>("--core") { Description = "Run the replay's producer and logic thread together on this core: faster where handing inputs between cores costs more than it saves (bench pipeline's two_core_speedup below 1)." };
        var command = new Command("replay", "Run a journal through the same pipeline the live run used (rebuilt from the journal's own records).")
        {
            journal, verify, speed, from, until, config, decisions, skipDamaged, json, core,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(ReplayRun.Run(
            new ReplayRunOptions
            {
                Journal = parse.GetValue(journal)!,
                Verify = parse.GetValue(verify),
                Speed = ReplaySpeed.Parse(parse.GetValue(speed)!),
                From = parse.GetValue(from),
                Until = parse.GetValue(until),
                ConfigFile = parse.GetValue(config),
                PrintDecisions = parse.GetValue(decisions),
                SkipDamaged = parse.GetValue(skipDamaged),
                Json = parse.GetValue(json),
                Core = parse.GetValue(core),
            },
            cancellationToken)));
        return command;
    }
}
