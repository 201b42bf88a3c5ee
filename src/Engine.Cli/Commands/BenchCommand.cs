using System.CommandLine;
using System.Diagnostics;
using Engine.Cli.Bench;
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
        return bench;
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
        var runs = new Option<int>("--runs") { Description = "Measured runs per workload.", DefaultValueFactory = _ => 5 };
        var runMs = new Option<int>("--run-ms") { Description = "Target length of one run in milliseconds.", DefaultValueFactory = _ => 300 };
        var command = new Command("ring", "Ring throughput against a bounded Channel<T> (and BlockingCollection for 1P-1C), same process, same run.")
        {
            json, wait, topology, runs, runMs,
        };
        command.SetAction(parse =>
        {
            var options = new RingBenchmarkOptions
            {
                WaitStrategy = parse.GetValue(wait) is { } w ? WaitStrategies.Parse(w) : null,
                Topologies = ParseTopologies(parse.GetValue(topology)),
                Runs = Math.Max(1, parse.GetValue(runs)),
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
