using Engine.Core.Inputs;
using Engine.Core.Pipeline;

namespace Engine.Host.Running;

/// <summary>What a one-off job (<see cref="EngineRunOptions.Job"/>) may use of a started engine: the input door, the pipeline to read, the run, the people's output and the alerts.</summary>
/// <param name="Inputs">The door every input goes through (a job's orders are inputs too).</param>
/// <param name="Pipeline">The running pipeline (read its tracker and account; they may be one input behind).</param>
/// <param name="Run">The run's definition.</param>
/// <param name="Output">Where people read progress.</param>
/// <param name="Alert">Sends an alert through the configured channels (none: nothing happens).</param>
public sealed record EngineJob(InputPublisher Inputs, TradingPipeline Pipeline, RunDefinition Run, TextWriter Output, Action<Alerts.Alert> Alert);
