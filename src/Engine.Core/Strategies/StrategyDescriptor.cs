namespace Engine.Core.Strategies;

/// <summary>A strategy the registry can create.</summary>
/// <param name="Name">Configuration name.</param>
/// <param name="Version">Version.</param>
/// <param name="Type">The strategy class.</param>
/// <param name="ParametersType">Its parameters class, or null when it takes none.</param>
/// <param name="Source">Built in, or the assembly it was loaded from.</param>
public sealed record StrategyDescriptor(string Name, string Version, Type Type, Type? ParametersType, string Source);
