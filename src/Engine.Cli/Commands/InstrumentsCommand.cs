using System.CommandLine;
using System.Globalization;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Host.Configuration;
using Engine.Host.Instruments;

namespace Engine.Cli.Commands;

/// <summary><c>engine instruments update</c>: the instrument master from the broker into the configured file.</summary>
public static class InstrumentsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The engine configuration: its mode, broker and credentials say where from; its instruments file is the one written.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var output = new Option<string?>("--out") { Description = "Write here instead of the configuration's instruments file." };
        var restUrl = new Option<string?>("--rest-url") { Description = "Fetch from this Kite REST root (default: broker.rest_url; Kite's in live and paper mode; in sim mode the simulator beside broker.ticker_url, or one started for the purpose)." };
        var update = new Command("update", "Fetch Kite's instruments CSV (the simulator's in sim mode) into config/ with a dated copy; the old file is replaced only by one that reads back as instruments.") { config, output, restUrl };
        update.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = EngineConfigLoader.Load(parse.GetValue(config)!, StrategyRegistry.CreateWithBuiltins());
            string target = parse.GetValue(output) ?? loaded.InstrumentsFile;
            await using var broker = await BrokerRest.OpenAsync(loaded, parse.GetValue(restUrl), cancellationToken);
            var client = broker.Client;
            var rest = broker.Url;
            var day = DateOnly.FromDateTime(UnixTime.ToIst(UnixTime.NowNanoseconds()).DateTime);
            var result = await InstrumentMaster.UpdateAsync(client, target, day, cancellationToken);
            string exchanges = string.Join(", ", result.ByExchange.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:N0}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instruments: {result.Instruments:N0} ({exchanges}) from {rest}, {result.Bytes / 1e6:F1} MB, as of {result.Day:yyyy-MM-dd} IST"));
            Console.WriteLine($"  written   {result.File}");
            Console.WriteLine($"  dated     {result.DatedCopy}");
            return 0;
        });
        var command = new Command("instruments", "The instrument master.") { update };
        return command;
    }
}
