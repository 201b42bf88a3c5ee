namespace Engine.Host.Configuration;

/// <summary>One configured strategy instance, resolved: its universe as instrument tokens, its parameters as text (or lists of text) for the binder.</summary>
/// <param name="Name">The instance's name.</param>
/// <param name="Strategy">The registered strategy name.</param>
/// <param name="Version">A pinned version, or null for the highest registered.</param>
/// <param name="Universe">Instrument tokens, in configuration order.</param>
/// <param name="Parameters">Parameter values by name (files already read into lists).</param>
public sealed record StrategySpec(string Name, string Strategy, string? Version, IReadOnlyList<uint> Universe, IReadOnlyDictionary<string, object?> Parameters);
