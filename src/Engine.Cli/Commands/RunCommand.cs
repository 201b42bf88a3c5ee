using System.CommandLine;
using Engine.Host.Configuration;
using Engine.Host.Running;

namespace Engine.Cli.Commands;

/// <summary><c>engine run</c>: the engine itself.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The engine configuration (YAML).", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 60s, 5m, 1h); default: until SIGINT or SIGTERM." };
        var journal = new Option<string?>("--journal") { Description = "Journal folder (overrides journal.folder)." };
        var tickerUrl = new Option<string?>("--ticker-url") { Description = "Ticker WebSocket URL (overrides broker.ticker_url), e.g. a simulator started with 'engine sim'." };
        var adopt = new Option<bool>("--adopt-broker-state") { Description = "When the account restored from the journal differs from the broker's positions and orders, trade from the broker's (journaled as the run's input) instead of refusing to start." };
        var json = new Option<bool>("--json") { Description = "Print the end-of-run summary as one JSON object on stdout (the text for people goes to stderr)." };
        var command = new Command("run", "Run the engine: ticker -> ring -> signals -> risk -> journal -> router, with a status line; stops cleanly on Ctrl-C, SIGTERM or --duration.")
        {
            config, duration, journal, tickerUrl, adopt, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Uri? url = null;
            if (parse.GetValue(tickerUrl) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("ws" or "wss")))
            {
                throw new FormatException($"--ticker-url: '{text}' is not a ws:// or wss:// URL.");
            }

            return await EngineRun.RunAsync(
                new EngineRunOptions
                {
                    ConfigFile = parse.GetValue(config)!,
                    Duration = parse.GetValue(duration) is { } d ? DurationText.Parse(d, "--duration") : null,
                    Journal = parse.GetValue(journal),
                    TickerUrl = url,
                    Json = parse.GetValue(json),
                    AdoptBrokerState = parse.GetValue(adopt),
                },
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
