using Engine.Core.Instruments;

namespace Engine.Core.Strategies;

/// <summary>One configured strategy: its name in the configuration, the strategy, and its universe.</summary>
/// <param name="Name">The instance name (several instances of one strategy can run side by side).</param>
/// <param name="Strategy">The strategy object.</param>
/// <param name="Universe">The instruments it trades.</param>
public sealed record StrategyInstance(string Name, Strategy Strategy, IReadOnlyList<Instrument> Universe);
