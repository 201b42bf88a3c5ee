using System.Reflection;

namespace Engine.Host.Running;

/// <summary>The engine build's version text, recorded in every run's session_start.</summary>
public static class EngineVersion
{
    /// <summary>e.g. <c>engine 0.6.0+abc123</c>.</summary>
    public static string Text { get; } = "engine " + (typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EngineVersion).Assembly.GetName().Version?.ToString() ?? "unknown");
}
