namespace Engine.Core.Pipeline;

/// <summary>How the engine's stages share threads.</summary>
public enum PipelinePlacement
{
    /// <summary>Every stage on one thread ("logic"): the default on small machines; no cross-thread hand-off at all.</summary>
    Fused = 0,

    /// <summary>Three threads: "logic" (signals and risk), "journal", "router": journal I/O off the decision thread.</summary>
    Staged = 1,

    /// <summary>One thread per stage: "signals", "risk" (gate, order tracker and risk monitor, which share the account), "journal", "router"; for machines with a core per stage.</summary>
    PerStage = 2,
}
