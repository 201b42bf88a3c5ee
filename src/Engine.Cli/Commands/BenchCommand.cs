using System.CommandLine;
using System.Diagnostics;
using Engine.Bench.Workloads;
using Engine.Ring;

namespace Engine.Cli.Commands;

/// <summary><c>engine bench NAME</c>: the engine's own quick, machine-readable benchmarks.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Quick benchmarks with machine-readable output (BenchmarkDotNet suites live in bench/).");
        bench.Subcommands.Add(CreateRing());
        bench.Subcommands.Add(CreateDecode());
        bench.Subcommands.Add(CreateSim());
        bench.Subcommands.Add(CreateTicker());
        bench.Subcommands.Add(CreateJournal());
        bench.Subcommands.Add(CreatePipeline());
        bench.Subcommands.Add(CreateOrders());
        bench.Subcommands.Add(CreateWait());
        bench.Subcommands.Add(CreateStrategy());
        return bench;
    }

    private static Command CreateStrategy()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (progress goes to stderr)." };
        var config = new Option<string>("--config") { Description = "The configuration: its instances, and the custom strategy assemblies it loads.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var strategy = new Option<string?>("--strategy") { Description = "One instance, by its name or its strategy's (default: every instance)." };
        var ticks = new Option<long>("--ticks") { Description = "Ticks over the instance's universe for the run alone.", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("strategy", "What a strategy costs before it trades: nanoseconds per tick (p50, p99) and bytes per tick with the strategy alone on its thread, then tick-to-decision in the whole pipeline at 100,000 ticks/s, and the strategy's share of it.") { json, config, strategy, ticks };
        command.SetAction(parse =>
        {
            if (parse.GetValue(ticks) < 10_000)
            {
                throw new FormatException("--ticks must be at least 10,000.");
            }

            var results = new StrategyBenchmark(parse.GetValue(config)!, parse.GetValue(strategy), parse.GetValue(ticks), 100_000, TimeSpan.FromSeconds(3), message => Console.Error.WriteLine(message)).Run();
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { machine = MachineInfo.CpuModel, cores = Environment.ProcessorCount, strategies = results }));
                return 0;
            }

            foreach (var r in results)
            {
                Console.Out.WriteLine(string.Create(inv, $"strategy {r.Instance} ({r.Strategy}): alone p50 {r.AloneP50Ns:N0} ns, p99 {r.AloneP99Ns:N0} ns per tick, {r.AloneBytesPerTick:F3} B/tick over {r.Ticks:N0} ticks ({r.Intents:N0} intents); in the pipeline at 100,000 ticks/s tick-to-decision p50 {r.PipelineP50Ns:N0} ns, p99 {r.PipelineP99Ns:N0} ns ({r.PipelineCorrectedP99Ns:N0} ns from each tick's due time); the strategy is {r.Share:P0} of the median"));
            }

            return 0;
        });
        return command;
    }

    private static Command CreateWait()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (progress goes to stderr)." };
        var config = new Option<string>("--config") { Description = "Configuration whose strategies and instruments run.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var quiet = new Option<double>("--quiet-seconds") { Description = "How long each strategy sees the quiet market (300 ticks/s).", DefaultValueFactory = _ => 10 };
        var busy = new Option<double>("--busy-seconds") { Description = "How long each strategy sees the busy market (100,000 ticks/s).", DefaultValueFactory = _ => 3 };
        var command = new Command("wait", "Every wait strategy in the engine's pipeline: the logic thread's CPU per wall second in a quiet market (300 ticks/s), tick-to-decision p50/p99 in a busy one (100,000 ticks/s; p99 also from each tick's due time, against the machine's own floor measured before each busy run, and the share of the cores other tasks on the machine ran meanwhile), and the one a small machine should use.") { json, config, quiet, busy };
        command.SetAction(parse =>
        {
            var measured = new WaitBenchmark(
                new WaitBenchmarkOptions
                {
                    ConfigFile = parse.GetValue(config)!,
                    QuietDuration = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(quiet))),
                    BusyDuration = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(busy))),
                },
                message => Console.Error.WriteLine(message)).Run();
            var recommended = WaitBenchmark.Recommended(measured);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { machine = MachineInfo.CpuModel, cores = Environment.ProcessorCount, strategies = measured, recommended = recommended?.WaitStrategy }));
                return 0;
            }

            Console.Out.WriteLine($"wait strategies on {MachineInfo.CpuModel} ({Environment.ProcessorCount} cores): the logic thread at 300 ticks/s, and tick-to-decision at 100,000 ticks/s");
            Console.Out.WriteLine("  strategy    quiet CPU   quiet p99     busy CPU   busy p50    busy p99   corrected p99   floor p99  over floor  others");
            foreach (var m in measured)
            {
                Console.Out.WriteLine(string.Create(inv, $"  {m.WaitStrategy,-10} {m.QuietCpuPercent,8:F1}% {m.QuietP99Ns / 1000,9:F1} µs {m.BusyCpuPercent,8:F1}% {m.BusyP50Ns / 1000,7:F2} µs {m.BusyP99Ns / 1000,8:F2} µs {m.BusyCorrectedP99Ns / 1000,12:F1} µs {m.BusyFloorP99Ns / 1000,9:F1} µs {m.BusyCorrectedP99OverFloor,10:F2}x {(m.BusyOtherTasksCpuFraction < 0 ? "    -" : $"{100 * m.BusyOtherTasksCpuFraction,6:F2}%")}"));
            }

            Console.Out.WriteLine(recommended is null ? "  none stays under 5% of a core in the quiet market" : $"  recommended: {recommended.WaitStrategy} (of those under 5% of a core when quiet and within 2x of the best busy p99 over the floor, the lowest busy p50)");
            return 0;
        });
        return command;
    }

    private static Command CreatePipeline()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (progress goes to stderr)." };
        var ticks = new Option<long>("--ticks") { Description = "Ticks in the generated journal.", DefaultValueFactory = _ => 5_000_000 };
        var rate = new Option<double>("--paced-rate") { Description = "Ticks per second of the paced latency run.", DefaultValueFactory = _ => 100_000 };
        var seconds = new Option<double>("--paced-seconds") { Description = "Length of the paced latency run.", DefaultValueFactory = _ => 5 };
        var config = new Option<string>("--config") { Description = "Configuration whose strategies and instruments run.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var sealedJournal = new Option<bool>("--sealed") { Description = "Seal the generated segments (LZ4), so the replay pays for decompression too." };
        var keep = new Option<string?>("--keep") { Description = "Generate the journal into this folder and keep it (replay it yourself with engine replay)." };
        var waitStrategy = new Option<string?>("--wait-strategy") { Description = "busy-spin, yielding, sleeping, blocking or phased (default: the engine's choice for this machine)." };
        var histogram = new Option<string?>("--histogram") { Description = "Write the corrected tick-to-decision latency's percentile distribution here (HdrHistogram's text format, µs), for plotting." };
        var command = new Command("pipeline", "The whole pipeline (decode, indicators, strategies, risk, router; journaller off) over a generated journal: full-speed throughput and allocation, then tick-to-decision latency at a paced rate.")
        {
            json, ticks, rate, seconds, config, sealedJournal, keep, histogram, waitStrategy,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(ticks) < 100_000 || parse.GetValue(rate) <= 0 || parse.GetValue(seconds) <= 0)
            {
                throw new FormatException("--ticks must be at least 100,000, and --paced-rate and --paced-seconds above 0.");
            }

            var result = new PipelineBenchmark(
                new PipelineBenchmarkOptions
                {
                    ConfigFile = parse.GetValue(config)!,
                    Ticks = parse.GetValue(ticks),
                    PacedRate = parse.GetValue(rate),
                    PacedDuration = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                    Folder = parse.GetValue(keep),
                    Keep = parse.GetValue(keep) is not null,
                    Sealed = parse.GetValue(sealedJournal),
                    HistogramFile = parse.GetValue(histogram),
                    WaitStrategy = parse.GetValue(waitStrategy) is { } named ? WaitStrategies.Parse(named) : null,
                },
                message => Console.Error.WriteLine(message)).Run();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));
            }
            else
            {
                Console.Out.Write(PipelineBenchmarkReport.Format(result));
            }

            return 0;
        });
        return command;
    }

    private static Command CreateOrders()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (progress goes to stderr)." };
        var config = new Option<string>("--config") { Description = "Configuration whose strategies run in the paper part.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var command = new Command("orders", "Orders to the simulator over loopback (hand-off to answer, HTTP round trip, a plain GET as the baseline), a burst and a rate above Kite's 10/s (HTTP 429), and tick-to-order with the paper broker.") { json, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await new OrdersBenchmark(new OrdersBenchmarkOptions { ConfigFile = parse.GetValue(config)! }, message => Console.Error.WriteLine(message)).RunAsync().ConfigureAwait(false);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            Console.Out.WriteLine(parse.GetValue(json)
                ? System.Text.Json.JsonSerializer.Serialize(result)
                : string.Create(inv, $"orders: hand-off to answer p50 {result.HandOffToAnswerP50Ns / 1e6:F2} ms, p99 {result.HandOffToAnswerP99Ns / 1e6:F2} ms (to the wire p50 {result.HandOffToWireP50Ns / 1e3:F0} µs, p99 {result.HandOffToWireP99Ns / 1e3:F0} µs, against a parked thread's wake p50 {result.QueueWakeP50Ns / 1e3:F0} µs: {result.HandOffToWireVsWakeP50:F2}x; HTTP round trip p50 {result.HttpRoundTripP50Ns / 1e6:F2} ms; a plain GET p50 {result.BaselineGetP50Ns / 1e6:F2} ms: {result.HandOffToAnswerVsGetP50:F2}x); burst of {result.BurstOrders}: {result.BurstAccepted} accepted, {result.BurstRateLimited} refused with 429; at {result.OverRate:F0}/s: {result.OverAcceptedPerSecond:F1} accepted/s, {result.OverRateLimited} refused; paper tick-to-order p50 {result.PaperTickToOrderP50Ns:N0} ns, p99 {result.PaperTickToOrderP99Ns:N0} ns over {result.PaperOrders} orders"));
            return 0;
        });
        return command;
    }

    private static Command CreateRing()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (progress goes to stderr)." };
        var wait = new Option<string?>("--wait") { Description = $"Ring wait strategy: {string.Join(", ", WaitStrategies.Names)}. Default: chosen from the core count." };
        var topology = new Option<string[]>("--topology")
        {
            Description = "Topologies to run: unicast (1P-1C), pipeline, diamond, multi-producer. Default: all.",
            AllowMultipleArgumentsPerToken = true,
        };
        var runs = new Option<int>("--runs") { Description = "Measured runs per workload in each round.", DefaultValueFactory = _ => 3 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds in which a topology's workloads take turns.", DefaultValueFactory = _ => 3 };
        var runMs = new Option<int>("--run-ms") { Description = "Target length of one run in milliseconds.", DefaultValueFactory = _ => 300 };
        var command = new Command("ring", "Ring throughput against a bounded Channel<T> (and BlockingCollection for 1P-1C), same process, same run.")
        {
            json, wait, topology, runs, rounds, runMs,
        };
        command.SetAction(parse =>
        {
            var options = new RingBenchmarkOptions
            {
                WaitStrategy = parse.GetValue(wait) is { } w ? WaitStrategies.Parse(w) : null,
                Topologies = ParseTopologies(parse.GetValue(topology)),
                Runs = Math.Max(1, parse.GetValue(runs)),
                Rounds = Math.Max(1, parse.GetValue(rounds)),
                RunDuration = TimeSpan.FromMilliseconds(Math.Max(20, parse.GetValue(runMs))),
            };
            bool asJson = parse.GetValue(json);
            var clock = Stopwatch.StartNew();
            var results = new RingBenchmark(options, message => Console.Error.WriteLine(message)).Run();
            Console.Out.WriteLine(asJson ? RingBenchmarkReport.ToJson(results, clock.Elapsed) : RingBenchmarkReport.ToText(results, clock.Elapsed));
            return 0;
        });
        return command;
    }

    private static Command CreateDecode()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("decode", "Kite packet decoding into ring slots: one full packet, and a 100-packet frame through the ring sink.") { json };
        command.SetAction(parse =>
        {
            var workload = new DecodeWorkload();
            // Alternating rounds, the best of each: a copy of the same bytes into a slot is the baseline.
            double packetNs = double.MaxValue, copyNs = double.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                packetNs = Math.Min(packetNs, TimePerCall(() => workload.DecodeOnePacket(), 5_000_000));
                copyNs = Math.Min(copyNs, TimePerCall(workload.CopyOnePacket, 5_000_000));
            }

            double frameNs = TimePerCall(workload.PublishFrame, 200_000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100_000; i++)
            {
                workload.DecodeOnePacket();
                workload.PublishFrame();
            }

            double bytesPerPacket = (GC.GetAllocatedBytesForCurrentThread() - before) / (100_000.0 * (1 + workload.PacketsPerFrame));
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            Console.Out.WriteLine(parse.GetValue(json)
                ? string.Create(inv, $"{{\"benchmark\":\"decode\",\"full_packet_ns\":{packetNs:F1},\"copy_packet_ns\":{copyNs:F1},\"decode_vs_copy\":{packetNs / copyNs:F2},\"frame_100_full_ns\":{frameNs:F0},\"frame_100_full_ns_per_packet\":{frameNs / 100:F1},\"allocated_bytes_per_packet\":{bytesPerPacket:F3},\"cpu\":\"{MachineInfo.CpuModel}\",\"cores\":{Environment.ProcessorCount}}}")
                : string.Create(inv, $"decode: full packet into a slot {packetNs:F1} ns ({packetNs / copyNs:F2}x a copy of its 184 bytes into the slot, {copyNs:F1} ns, same run); frame of 100 full packets through the ring sink {frameNs / 1000:F2} us ({frameNs / 100:F1} ns/packet); {bytesPerPacket:F3} B allocated per packet"));
            return 0;
        });
        return command;
    }

    private static Command CreateSim()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var rate = new Option<double>("--rate") { Description = "Ticks per second per instrument offered by the simulator.", DefaultValueFactory = _ => 4000 };
        var seconds = new Option<double>("--seconds") { Description = "Measurement window.", DefaultValueFactory = _ => 5 };
        var instruments = new Option<string>("--instruments") { Description = "Instruments CSV.", DefaultValueFactory = _ => Path.Combine("config", "instruments.csv") };
        var command = new Command("sim", "Simulator throughput over loopback to one client decoding into the ring, every instrument in full mode.") { json, rate, seconds, instruments };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await SimulatorThroughput.RunAsync(parse.GetValue(instruments)!, parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds))).ConfigureAwait(false);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            Console.Out.WriteLine(parse.GetValue(json)
                ? string.Create(inv, $"{{\"benchmark\":\"sim\",\"ticks_per_sec\":{result.TicksPerSecond:F0},\"offered_ticks_per_sec\":{result.OfferedPerSecond:F0},\"mb_per_sec\":{result.BytesPerSecond / 1e6:F1},\"instruments\":{result.Instruments},\"decode_errors\":{result.DecodeErrors},\"plain_websocket_ticks_per_sec\":{result.PlainTicksPerSecond:F0},\"plain_websocket_mb_per_sec\":{result.PlainBytesPerSecond / 1e6:F1},\"ratio_to_plain_websocket\":{result.RatioToPlainWebSocket:F3},\"cores\":{Environment.ProcessorCount}}}")
                : string.Create(inv, $"sim: {result.TicksPerSecond:N0} ticks/s delivered and decoded ({result.OfferedPerSecond:N0} offered, {result.BytesPerSecond / 1e6:F1} MB/s, {result.Instruments} instruments in full mode, {result.DecodeErrors} decode errors); a bare WebSocket client of the same simulator, counting packets without decoding, received {result.PlainTicksPerSecond:N0} ticks/s ({result.PlainBytesPerSecond / 1e6:F1} MB/s): ratio {result.RatioToPlainWebSocket:F2}"));
            return 0;
        });
        return command;
    }

    private static Command CreateTicker()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (progress goes to stderr)." };
        var frames = new Option<int>("--frames") { Description = "Frames timed per round and client.", DefaultValueFactory = _ => 20_000 };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds of the two clients.", DefaultValueFactory = _ => 3 };
        var gap = new Option<int>("--gap-us") { Description = "Pause between frames, in microseconds.", DefaultValueFactory = _ => 100 };
        var core = new Option<int?>("--core") { Description = "Pin the ticker's receive thread to this core, as pipeline.cores.ticker does (default: unpinned, as the engine runs by default); the server runs on another core." };
        var command = new Command("ticker", "Wire to hand over loopback: each one-packet tick frame timed from the server's send to the code that reads it, for the engine's ticker (its own receive thread, blocked in recv) against a ClientWebSocket receiving on the thread pool, in alternating rounds of the same run (p50/p99/p99.9/max and the ratios).") { json, frames, rounds, gap, core };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(frames) < 100 || parse.GetValue(rounds) < 1 || parse.GetValue(gap) < 1)
            {
                throw new FormatException("--frames must be at least 100, --rounds at least 1 and --gap-us at least 1.");
            }

            int? pinTo = parse.GetValue(core);
            if (pinTo is { } requested && (!CpuAffinity.IsSupported || !CpuAffinity.AllowedCores.Contains(requested)))
            {
                throw new FormatException($"--core {requested}: this process may run on cores {string.Join(",", CpuAffinity.AllowedCores)} only.");
            }

            var r = await TickerLatency.RunAsync(parse.GetValue(frames), parse.GetValue(rounds), parse.GetValue(gap), pinTo, m => Console.Error.WriteLine(m), cancellationToken).ConfigureAwait(false);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    benchmark = "ticker",
                    machine = MachineInfo.CpuModel,
                    cores = Environment.ProcessorCount,
                    ticker_core = r.TickerCore,
                    server_core = r.ServerCore,
                    gap_us = r.GapMicroseconds,
                    ticker_frames = r.Ticker.Frames,
                    ticker_p50_ns = r.Ticker.P50Ns,
                    ticker_p99_ns = r.Ticker.P99Ns,
                    ticker_p999_ns = r.Ticker.P999Ns,
                    ticker_max_ns = r.Ticker.MaxNs,
                    ticker_lost = r.Ticker.Lost,
                    thread_pool_frames = r.ThreadPool.Frames,
                    thread_pool_p50_ns = r.ThreadPool.P50Ns,
                    thread_pool_p99_ns = r.ThreadPool.P99Ns,
                    thread_pool_p999_ns = r.ThreadPool.P999Ns,
                    thread_pool_max_ns = r.ThreadPool.MaxNs,
                    thread_pool_lost = r.ThreadPool.Lost,
                    p50_ratio = Math.Round(r.P50Ratio, 3),
                    p99_ratio = Math.Round(r.P99Ratio, 3),
                }));
                return 0;
            }

            string where = r.TickerCore is { } c ? string.Create(inv, $"pinned to core {c}") : "unpinned";
            Console.Out.WriteLine(string.Create(inv, $"ticker: wire to hand over loopback, one frame every {r.GapMicroseconds} µs or so, server on core {(r.ServerCore is { } s ? s.ToString(inv) : "any")}"));
            Console.Out.WriteLine("  client                              frames        p50       p99     p99.9       max  lost");
            Console.Out.WriteLine(Row($"engine ticker ({where})", r.Ticker));
            Console.Out.WriteLine(Row("ClientWebSocket on the thread pool", r.ThreadPool));
            Console.Out.WriteLine(string.Create(inv, $"  ratio, ticker over thread pool: p50 {r.P50Ratio:F2}, p99 {r.P99Ratio:F2}"));
            return 0;

            string Row(string name, TickerLatency.Figures f) =>
                string.Create(inv, $"  {name,-34} {f.Frames,7:N0} {f.P50Ns / 1000,8:F1}µs {f.P99Ns / 1000,7:F1}µs {f.P999Ns / 1000,7:F1}µs {f.MaxNs / 1000,7:F0}µs {f.Lost,5}");
        });
        return command;
    }

    private static Command CreateJournal()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var seconds = new Option<double>("--seconds-per-mode") { Description = "Append time per durability mode.", DefaultValueFactory = _ => 2 };
        var ticks = new Option<int>("--ticks") { Description = "Tick records in the read and compression test.", DefaultValueFactory = _ => 2_000_000 };
        var instruments = new Option<string>("--instruments") { Description = "Instruments CSV for the simulated ticks.", DefaultValueFactory = _ => Path.Combine("config", "instruments.csv") };
        var command = new Command("journal", "Journal append rate per durability mode (200-byte records, batches of 64), read-and-decode rate of sealed tick segments, tick compression ratio.") { json, seconds, ticks, instruments };
        command.SetAction(parse =>
        {
            var result = new JournalBenchmark(parse.GetValue(instruments)!, m => Console.Error.WriteLine(m)).Run(TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(ticks));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    benchmark = "journal",
                    record_bytes = 200,
                    append_records_per_sec = result.AppendRecordsPerSecond.ToDictionary(p => p.Key, p => Math.Round(p.Value)),
                    append_allocated_bytes_per_record = result.AppendAllocatedBytesPerRecord.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4)),
                    plain_file_records_per_sec = Math.Round(result.RawFileRecordsPerSecond),
                    batch_vs_plain_file = Math.Round(result.AppendRecordsPerSecond["batch"] / result.RawFileRecordsPerSecond, 2),
                    read_decode_records_per_sec = Math.Round(result.ReadDecodeRecordsPerSecond),
                    read_decode_best_records_per_sec = Math.Round(result.ReadDecodeBestRecordsPerSecond),
                    tick_records = result.TickRecords,
                    tick_compression_ratio = Math.Round(result.TickCompressionRatio, 2),
                    seal_mb_per_sec = Math.Round(result.SealMegabytesPerSecond),
                    cpu = MachineInfo.CpuModel,
                    cores = Environment.ProcessorCount,
                }));
            }

            return 0;
        });
        return command;
    }

    private static double TimePerCall(Action action, int calls)
    {
        for (int i = 0; i < calls / 10; i++)
        {
            action();
        }

        var best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < calls / 5; i++)
            {
                action();
            }

            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / (calls / 5));
        }

        return best;
    }

    private static Topology[] ParseTopologies(string[]? names)
    {
        if (names is null || names.Length == 0)
        {
            return Enum.GetValues<Topology>();
        }

        return names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(n => n.ToLowerInvariant() switch
        {
            "unicast" or "1p-1c" => Topology.Unicast,
            "pipeline" or "1p-3c-pipeline" => Topology.Pipeline,
            "diamond" or "1p-3c-diamond" => Topology.Diamond,
            "multi-producer" or "3p-1c" => Topology.MultiProducer,
            _ => throw new FormatException($"Unknown topology '{n}'; expected unicast, pipeline, diamond or multi-producer."),
        }).Distinct().ToArray();
    }
}
