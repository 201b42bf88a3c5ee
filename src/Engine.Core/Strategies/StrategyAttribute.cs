namespace Engine.Core.Strategies;

/// <summary>Names a strategy class for the registry and configuration: <c>[Strategy("ema-crossover", "1.0")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StrategyAttribute(string name, string version) : Attribute
{
    /// <summary>The name configuration uses.</summary>
    public string Name { get; } = name;

    /// <summary>The version; configuration may pin it.</summary>
    public string Version { get; } = version;
}
