namespace Engine.Host.Replay;

/// <summary>How <c>engine replay</c> was asked to run.</summary>
public sealed record ReplayRunOptions
{
    /// <summary>The journal folder.</summary>
    public required string Journal { get; init; }

    /// <summary>Compare every decision with the recorded one; stop at the first difference.</summary>
    public bool Verify { get; init; }

    /// <summary>0: as fast as possible; 1: the recorded pace; N: N times faster.</summary>
    public double Speed { get; init; }

    /// <summary>Where verification, pacing and printing start: a sequence, or a market time (HH:mm[:ss] on the run's day, or an ISO date-time). Earlier inputs still rebuild state.</summary>
    public string? From { get; init; }

    /// <summary>Where the replay stops (inclusive): a sequence or a market time.</summary>
    public string? Until { get; init; }

    /// <summary>Run these strategies, risk settings and calendar instead of the recorded ones (to see what a change would have done).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Print every decision.</summary>
    public bool PrintDecisions { get; init; }

    /// <summary>Continue past damaged records (reported) instead of stopping.</summary>
    public bool SkipDamaged { get; init; }

    /// <summary>
    /// Run the replay's producer and its logic thread together on this core (null: wherever the
    /// system puts them). Where handing each input's slot from one core to another costs more than
    /// the parallel work saves (<c>bench pipeline</c>'s <c>two_core_speedup</c> below 1), a replay
    /// runs faster on one core. The core must be one this process may use.
    /// </summary>
    public int? Core { get; init; }

    /// <summary>Print the summary as one JSON object.</summary>
    public bool Json { get; init; }

    /// <summary>Where decisions and the summary go.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Where progress goes.</summary>
    public TextWriter Progress { get; init; } = Console.Error;

    /// <summary>True when <see cref="Progress"/> is a terminal (a redrawn progress line; otherwise a line every 10 s).</summary>
    public bool ProgressIsTerminal { get; init; } = !Console.IsErrorRedirected;
}
