using System.CommandLine;
using System.Globalization;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Host.Configuration;
using Engine.Host.History;
using Engine.Kite.Instruments;

namespace Engine.Cli.Commands;

/// <summary><c>engine history</c>: Kite's historical candles into the local cache that backtests read.</summary>
public static class HistoryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The engine configuration: its mode, broker, credentials and instruments file.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var instrument = new Option<string>("--instrument") { Description = "EXCHANGE:SYMBOL, e.g. NSE:INFY.", Required = true };
        var interval = new Option<string>("--interval") { Description = "minute, 3minute, 5minute, 10minute, 15minute, 30minute, 60minute or day.", DefaultValueFactory = _ => "minute" };
        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd (IST).", Required = true };
        var until = new Option<string?>("--until") { Description = "Last day, yyyy-MM-dd (IST); default today." };
        var cache = new Option<string?>("--cache") { Description = "The cache folder (default: history/ beside the configuration's folder)." };
        var restUrl = new Option<string?>("--rest-url") { Description = "Kite REST root (default: broker.rest_url; Kite's in live and paper mode; in sim mode the simulator beside broker.ticker_url, or one started for the purpose)." };
        var command = new Command("history", "Fetch Kite's historical candles for one instrument into the local cache: the range split to Kite's per-request caps, at most 3 requests a second, merged without duplicates.") { config, instrument, interval, from, until, cache, restUrl };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = EngineConfigLoader.Load(parse.GetValue(config)!, StrategyRegistry.CreateWithBuiltins());
            string key = parse.GetValue(instrument)!.Trim();
            var found = KiteInstrumentsCsv.Load(loaded.InstrumentsFile).FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"--instrument: '{key}' is not in {loaded.InstrumentsFile} (EXCHANGE:SYMBOL, e.g. NSE:INFY)");
            var first = Day(parse.GetValue(from)!, "--from");
            var last = parse.GetValue(until) is { } u ? Day(u, "--until") : DateOnly.FromDateTime(UnixTime.ToIst(UnixTime.NowNanoseconds()).DateTime);
            string folder = parse.GetValue(cache) ?? Path.Combine(Path.GetDirectoryName(loaded.SourceFile) ?? ".", "..", "history");
            await using var broker = await BrokerRest.OpenAsync(loaded, parse.GetValue(restUrl), cancellationToken);
            var client = broker.Client;
            var rest = broker.Url;
            string chosen = parse.GetValue(interval)!;
            var result = await HistoryDownload.RunAsync(client, found, chosen, first, last, folder,
                (done, total) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history: {found.Key} {chosen}: piece {done} of {total}")), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history: {found.Key} {chosen} {first:yyyy-MM-dd}..{last:yyyy-MM-dd} from {rest}: {result.Pieces} pieces, {result.Requests} requests ({result.RateLimited} refused for the rate and asked again); {result.Added:N0} new candles, {result.Candles:N0} in {Path.GetFullPath(result.File)}"));
            return 0;
        });
        return command;
    }

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new FormatException($"{option}: '{text}' is not a date (yyyy-MM-dd)");
}
