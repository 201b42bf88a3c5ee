using System.Diagnostics;
using Engine.Ring;

namespace Engine.RingReference;

/// <summary>
/// <c>ring-reference [--json] [--wait yielding|busy-spin] [--rounds N] [--runs N] [--run-ms N]</c>:
/// our ring against Disruptor-net's value ring in one process.
/// </summary>
public static class Program
{
    private const string Usage = "usage: ring-reference [--json] [--wait yielding|busy-spin] [--rounds N (5)] [--runs N (3)] [--run-ms N (500)]";

    /// <summary>Entry point: exit code 0 when measured, 2 on bad arguments.</summary>
    public static int Main(string[] args)
    {
        bool json = false;
        var wait = WaitStrategyKind.Yielding;
        int rounds = 5, runs = 3, runMs = 500;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--json": json = true; break;
                    case "--wait": wait = WaitStrategies.Parse(Value(args, ref i)); break;
                    case "--rounds": rounds = Count(args, ref i, 1); break;
                    case "--runs": runs = Count(args, ref i, 1); break;
                    case "--run-ms": runMs = Count(args, ref i, 20); break;
                    case "-h" or "--help": Console.Out.WriteLine(Usage); return 0;
                    default: throw new FormatException($"unknown argument '{args[i]}'");
                }
            }

            if (wait is not (WaitStrategyKind.Yielding or WaitStrategyKind.BusySpin))
            {
                throw new FormatException($"--wait takes yielding or busy-spin, the two waits both rings have in the same form, not '{WaitStrategies.NameOf(wait)}'");
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"ring-reference: {FirstLine(e.Message)}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var result = new RingReferenceComparison(wait, runs, rounds, TimeSpan.FromMilliseconds(runMs), message => Console.Error.WriteLine(message)).Run();
        Console.Out.WriteLine(json ? RingReferenceReport.ToJson(result, clock.Elapsed) : RingReferenceReport.ToText(result, clock.Elapsed));
        return 0;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");

    private static int Count(string[] args, ref int i, int minimum)
    {
        string name = args[i];
        string text = Value(args, ref i);
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= minimum
            ? value
            : throw new FormatException($"{name} takes a whole number of at least {minimum}, not '{text}'");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
