namespace Engine.Ring;

/// <summary>How a <see cref="RingPipeline{T}"/> treats failures and names its threads.</summary>
public sealed class RingPipelineOptions
{
    /// <summary>What a consumer does when its handler throws on an event. Either way the failure is logged.</summary>
    public ExceptionPolicy ExceptionPolicy { get; init; } = ExceptionPolicy.LogAndContinue;

    /// <summary>Where consumer failures are written; standard error if null.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Prefix of every consumer thread's name.</summary>
    public string ThreadNamePrefix { get; init; } = "ring-";

    /// <summary>Why the ring's wait strategy was chosen, for the placement report.</summary>
    public string? WaitStrategyReason { get; init; }

    /// <summary>
    /// Compile each consumer's loop for its handler's class (see <see cref="BatchEventProcessors.Create"/>);
    /// false calls every handler through the interface, which is there for comparison.
    /// </summary>
    public bool SpecialiseHandlers { get; init; } = true;
}
