using Serilog.Events;

namespace Engine.Host.Configuration;

/// <summary>How much is logged, and to which file besides the console.</summary>
/// <param name="Level">The minimum level.</param>
/// <param name="File">A rolling log file (one per day), or null for the console only.</param>
public sealed record LoggingSettings(LogEventLevel Level, string? File);
