using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engine.Core.Inputs;
using Engine.Host.Running;
using Engine.Host.Logging;
using Engine.Host.Ticks;
using Engine.Core.Events;
using Engine.Journal.Writing;
using Engine.Kite.Ticker;
using Engine.Ring;

namespace Engine.Cli.Commands;

/// <summary><c>engine ticks</c>: connect to a Kite ticker (or the simulator), decode into the ring, and show what arrives.</summary>
public static class TicksCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Ticker WebSocket URL.", DefaultValueFactory = _ => $"ws://127.0.0.1:{SimCommand.DefaultPort}/" };
        var tokens = new Option<string?>("--tokens") { Description = "Instrument tokens or trading symbols, comma-separated. Default: every instrument in --instruments." };
        var instruments = new Option<string>("--instruments") { Description = "Instruments CSV for symbol names.", DefaultValueFactory = _ => Path.Combine("config", "instruments.csv") };
        var mode = new Option<string>("--mode") { Description = "ltp, quote or full.", DefaultValueFactory = _ => "full" };
        var json = new Option<bool>("--json") { Description = "Print every tick as a JSON line instead of the live summary." };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds." };
        var logLevel = new Option<string>("--log-level") { Description = "debug, information, warning, error.", DefaultValueFactory = _ => "information" };
        var journal = new Option<string?>("--journal") { Description = "Also record every tick and text frame, as received, into this journal folder." };
        var durability = new Option<string>("--durability") { Description = "Journal durability: none, batch, fsync, interval.", DefaultValueFactory = _ => "batch" };
        var command = new Command("ticks", "Connect to the ticker, decode ticks into the ring and show ticks/s and last prices per instrument (or JSON lines). Credentials: KITE_API_KEY and KITE_ACCESS_TOKEN, else the simulator's.")
        {
            url, tokens, instruments, mode, json, duration, logLevel, journal, durability,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tickMode = TickerMessages.ParseMode(parse.GetValue(mode)!);
            var (tokenList, names) = InstrumentSelection.Resolve(parse.GetValue(tokens), parse.GetValue(instruments)!);
            bool asJson = parse.GetValue(json);
            using var loggerFactory = EngineLogging.Create(EngineLogging.ParseLevel(parse.GetValue(logLevel)!));
            var logger = loggerFactory.CreateLogger("Engine.Ticker");
            var options = new KiteTickerOptions
            {
                Url = new Uri(parse.GetValue(url)!),
                ApiKey = Environment.GetEnvironmentVariable("KITE_API_KEY") ?? "sim_api_key",
                AccessToken = Environment.GetEnvironmentVariable("KITE_ACCESS_TOKEN") ?? "sim_access_token",
            };

            var ring = new RingBuffer<RingEvent>(1 << 14, new BlockingWaitStrategy(), ProducerType.Multi);
            var counters = new TickerCounters();
            using var pipeline = new RingPipeline<RingEvent>(ring);
            var summary = new TickSummaryHandler(tokenList);
            using var stdout = Console.OpenStandardOutput();
            var output = new BufferedStream(stdout, 1 << 16);
            IEventHandler<RingEvent> consumer = asJson ? new TickJsonLinesHandler(output) : summary;
            using var writer = parse.GetValue(journal) is { } folder
                ? JournalWriter.Open(new JournalWriterOptions { Folder = folder, Durability = ParseDurability(parse.GetValue(durability)!) }, loggerFactory.CreateLogger("Engine.Journal"))
                : null;
            if (writer is not null)
            {
                pipeline.HandleEventsWith(consumer, new RingJournaller(writer));
                Console.Error.WriteLine($"ticks: recording into journal {writer.Folder} (segment {writer.ActiveSegment}, {writer.Durability} durability)");
            }
            else
            {
                pipeline.HandleEventsWith(consumer);
            }

            pipeline.Start();

            await using var ticker = new KiteTicker(options, new RingTickerSink(new InputPublisher(ring, writer is null ? 0 : writer.LastSequence + 1), counters, logger), logger, counters);
            ticker.Subscribe(tokenList, tickMode);
            using var shutdown = new ShutdownSignal(parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellationToken);
            var run = ticker.RunAsync(stop.Token);
            var display = asJson ? Task.CompletedTask : ShowSummaryAsync(summary, counters, names, stop.Token);
            int exitCode = 0;
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (TickerRejectedException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                exitCode = 3;
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await display.ConfigureAwait(false);
                pipeline.Shutdown(TimeSpan.FromSeconds(5));
                output.Flush();
            }

            Console.Error.WriteLine(
                $"ticks: {counters.Packets:N0} ticks in {counters.Frames:N0} frames ({counters.Bytes / 1e6:F1} MB), {counters.Heartbeats} heartbeats, {counters.Reconnects} reconnects, {counters.DecodeErrors} decode errors, {counters.TextFrames} text frames");
            return exitCode;
        });
        return command;
    }

    /// <summary>Reads a durability mode name.</summary>
    public static DurabilityMode ParseDurability(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => DurabilityMode.None,
        "batch" => DurabilityMode.Batch,
        "fsync" => DurabilityMode.Fsync,
        "interval" => DurabilityMode.Interval,
        _ => throw new FormatException($"Unknown durability '{name}'; expected none, batch, fsync or interval."),
    };

    private static async Task ShowSummaryAsync(TickSummaryHandler summary, TickerCounters counters, IReadOnlyDictionary<uint, string> names, CancellationToken cancellationToken)
    {
        bool interactive = !Console.IsOutputRedirected;
        var previous = new long[summary.Tokens.Count];
        long previousPackets = 0;
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var now = clock.Elapsed;
            double seconds = (now - last).TotalSeconds;
            last = now;
            long packets = counters.Packets;
            var text = new StringBuilder();
            var inv = CultureInfo.InvariantCulture;
            if (interactive)
            {
                text.Append("\u001b[H\u001b[2J");
            }

            string age = counters.LastFrameAge == TimeSpan.MaxValue ? "never" : $"{counters.LastFrameAge.TotalSeconds:F1}s ago";
            text.AppendLine(inv, $"{now.TotalSeconds,6:F0}s  ticks/s {(packets - previousPackets) / seconds,9:N0}  total {packets,12:N0}  frames {counters.Frames:N0}  heartbeats {counters.Heartbeats}  reconnects {counters.Reconnects}  decode errors {counters.DecodeErrors}  last frame {age}");
            previousPackets = packets;
            if (interactive || (int)now.TotalSeconds % 5 == 0)
            {
                text.AppendLine(inv, $"  {"instrument",-14} {"token",10} {"ticks/s",9} {"last price",12} {"change",8}");
                for (int i = 0; i < summary.Tokens.Count; i++)
                {
                    uint token = summary.Tokens[i];
                    long count = summary.Count(i);
                    string name = names.TryGetValue(token, out var n) ? n : token.ToString(inv);
                    string price = summary.LastPrice(i) is { } p ? p.ToString("0.00##", inv) : "-";
                    string change = summary.ChangePercent(i) is { } c ? c.ToString("+0.00;-0.00", inv) + "%" : "-";
                    text.AppendLine(inv, $"  {name,-14} {token,10} {(count - previous[i]) / seconds,9:N0} {price,12} {change,8}");
                    previous[i] = count;
                }
            }

            Console.Out.Write(text.ToString());
        }
    }
}
