using System.CommandLine;
using System.Globalization;
using Engine.Host.Configuration;
using Engine.Host.Logging;
using Engine.Host.Running;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Sim;

namespace Engine.Cli.Commands;

/// <summary><c>engine sim</c>: the local Kite-compatible simulator.</summary>
public static class SimCommand
{
    /// <summary>The port the simulator and <c>engine ticks</c> use by default.</summary>
    public const int DefaultPort = 8765;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port; 0 picks a free one.", DefaultValueFactory = _ => DefaultPort };
        var apiKey = new Option<string>("--api-key") { Description = "The api_key clients must present.", DefaultValueFactory = _ => "sim_api_key" };
        var accessToken = new Option<string>("--access-token") { Description = "The access_token clients must present.", DefaultValueFactory = _ => "sim_access_token" };
        var seed = new Option<ulong>("--seed") { Description = "Random walk seed: same seed, same ticks.", DefaultValueFactory = _ => 42UL };
        var rate = new Option<double>("--rate") { Description = "Ticks per second per instrument.", DefaultValueFactory = _ => 10 };
        var speed = new Option<double>("--speed") { Description = "Market seconds per wall second (60: a market minute every second); tick timestamps and volatility follow market time.", DefaultValueFactory = _ => 1 };
        var instruments = new Option<string>("--instruments") { Description = "Kite-format instruments CSV.", DefaultValueFactory = _ => Path.Combine("config", "instruments.csv") };
        var start = new Option<string?>("--start") { Description = "Market time of the first tick: HH:mm (IST, today) or an ISO date-time. Default 09:15 IST today." };
        var dropFrames = new Option<int?>("--drop-after-frames") { Description = "Fault: drop each connection after N frames." };
        var dropSeconds = new Option<double?>("--drop-after-seconds") { Description = "Fault: drop each connection after S seconds." };
        var orderChaos = new Option<int?>("--order-chaos") { Description = "Fault drill: order requests answered late (10%), never (10%), 503 before (10%) or after (10%) placing, order updates dropped (20%), by chance from this seed." };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C)." };
        var logLevel = new Option<string>("--log-level") { Description = "debug, information, warning, error.", DefaultValueFactory = _ => "information" };
        var config = new Option<string?>("--config") { Description = "Take the seed, rate, speed, market start and instruments from this engine configuration's simulator section (as 'engine run' would start it); explicit options still win." };
        var command = new Command("sim", "Run the local Kite-compatible simulator (ticker WebSocket and REST on 127.0.0.1). Prints 'listening ws=... rest=...' first.")
        {
            port, apiKey, accessToken, seed, rate, speed, instruments, start, dropFrames, dropSeconds, orderChaos, duration, logLevel, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(rate) <= 0)
            {
                throw new FormatException($"--rate must be above 0 ticks per second, got {parse.GetValue(rate)}.");
            }

            ulong seedValue = parse.GetValue(seed);
            double rateValue = parse.GetValue(rate);
            double speedValue = parse.GetValue(speed) is > 0 and var v && double.IsFinite(v) ? v : throw new FormatException($"--speed must be above 0, got {parse.GetValue(speed)}.");
            string instrumentsFile = parse.GetValue(instruments)!;
            var startTime = ParseStart(parse.GetValue(start));
            if (parse.GetValue(config) is { } configFile)
            {
                // The market 'engine run' would simulate in-process, so an engine run against this
                // simulator sees the same session day and pace; options typed explicitly still win.
                var engineConfig = EngineConfigLoader.Load(configFile, StrategyRegistry.CreateWithBuiltins());
                bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
                seedValue = Given(seed) ? seedValue : engineConfig.Simulator.Seed;
                rateValue = Given(rate) ? rateValue : engineConfig.Simulator.TicksPerSecond;
                speedValue = Given(speed) ? speedValue : engineConfig.Simulator.Speed;
                instrumentsFile = Given(instruments) ? instrumentsFile : engineConfig.InstrumentsFile;
                startTime = Given(start) ? startTime : UnixTime.ToIst(EngineRun.SimClock(engineConfig, UnixTime.NowNanoseconds()).MarketStartNs);
            }

            var options = new SimulatorOptions
            {
                Port = parse.GetValue(port),
                ApiKey = parse.GetValue(apiKey)!,
                AccessToken = parse.GetValue(accessToken)!,
                Seed = seedValue,
                TicksPerSecond = rateValue,
                MarketSpeed = speedValue,
                InstrumentsFile = instrumentsFile,
                StartTime = startTime,
                DropAfterFrames = parse.GetValue(dropFrames),
                DropAfter = parse.GetValue(dropSeconds) is { } s ? TimeSpan.FromSeconds(s) : null,
                OrderChaosSeed = parse.GetValue(orderChaos),
            };
            using var loggerFactory = EngineLogging.Create(EngineLogging.ParseLevel(parse.GetValue(logLevel)!));
            using var shutdown = new ShutdownSignal(parse.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null);
            await using var simulator = await KiteSimulator.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(simulator.ListeningLine);
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, cancellationToken).Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            Console.Error.WriteLine($"sim: stopping; {simulator.Tape.Generated:N0} ticks generated, {simulator.ConnectionsAccepted} connections accepted, {simulator.HandshakesRejected} refused");
            return 0;
        });
        return command;
    }

    private static DateTimeOffset? ParseStart(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return KiteSimulator.TodayAtIst(time);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToOffset(UnixTime.IstOffset);
        }

        throw new FormatException($"--start '{text}' is neither HH:mm (IST) nor an ISO date-time.");
    }
}
