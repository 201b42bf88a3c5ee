namespace Engine.Host.Configuration;

/// <summary>Where market data comes from, and where the credentials are kept (never in the configuration itself).</summary>
/// <param name="TickerUrl">The ticker WebSocket; null in sim mode starts the simulator in-process.</param>
/// <param name="CredentialsFile">A file of <c>KEY=value</c> lines with mode 0600, or null to use the environment only.</param>
public sealed record BrokerSettings(Uri? TickerUrl, string? CredentialsFile);
