using System.Globalization;
using System.Text;

namespace Engine.Ring;

/// <summary>The placement a pipeline started with, printable as a small table for the start-up log.</summary>
public sealed class PlacementReport
{
    /// <summary>Creates a report.</summary>
    public PlacementReport(int ringSize, ProducerType producerType, string waitStrategy, string? waitStrategyReason, IReadOnlyList<ThreadPlacement> threads, IReadOnlyList<string> warnings)
    {
        RingSize = ringSize;
        ProducerType = producerType;
        WaitStrategy = waitStrategy;
        WaitStrategyReason = waitStrategyReason;
        Threads = threads;
        Warnings = warnings;
    }

    /// <summary>Slots in the ring.</summary>
    public int RingSize { get; }

    /// <summary>Single or multi producer.</summary>
    public ProducerType ProducerType { get; }

    /// <summary>The wait strategy's name.</summary>
    public string WaitStrategy { get; }

    /// <summary>Why that strategy, when it was chosen automatically.</summary>
    public string? WaitStrategyReason { get; }

    /// <summary>The machine's logical core count.</summary>
    public int Cores { get; } = Environment.ProcessorCount;

    /// <summary>One entry per consumer thread.</summary>
    public IReadOnlyList<ThreadPlacement> Threads { get; }

    /// <summary>Pinning that was asked for and did not happen, and similar.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>A one-line summary, e.g. for JSON reports: <c>logic@1,journal@any</c>.</summary>
    public string Compact => string.Join(",", Threads.Select(t => $"{t.ConsumerName}@{(t.Pinned ? t.RequestedCore!.Value.ToString(CultureInfo.InvariantCulture) : "any")}"));

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ring: {RingSize} slots, {(ProducerType == ProducerType.Single ? "single" : "multi")}-producer, wait strategy {WaitStrategy}, {Cores} cores");
        text.AppendLine();
        if (WaitStrategyReason is not null)
        {
            text.Append("  why: ").AppendLine(WaitStrategyReason);
        }

        int nameWidth = Math.Max(8, Threads.Count == 0 ? 0 : Threads.Max(t => t.ConsumerName.Length));
        int threadWidth = Math.Max(6, Threads.Count == 0 ? 0 : Threads.Max(t => t.ThreadName.Length));
        text.Append("  ").Append("consumer".PadRight(nameWidth)).Append("  ").Append("thread".PadRight(threadWidth)).AppendLine("  core        after");
        foreach (var thread in Threads)
        {
            string core = thread.RequestedCore is null ? "any" : thread.Pinned ? $"{thread.RequestedCore} pinned" : $"{thread.RequestedCore} UNPINNED";
            string after = thread.GatesOn.Count == 0 ? "producer" : string.Join(", ", thread.GatesOn);
            text.Append("  ").Append(thread.ConsumerName.PadRight(nameWidth)).Append("  ").Append(thread.ThreadName.PadRight(threadWidth)).Append("  ").Append(core.PadRight(12)).AppendLine(after);
        }

        foreach (var warning in Warnings)
        {
            text.Append("  warning: ").AppendLine(warning);
        }

        return text.ToString().TrimEnd();
    }
}
