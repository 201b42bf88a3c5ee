namespace Engine.Host.Configuration;

/// <summary>Where market data comes from and orders go, and where the credentials are kept (never in the configuration itself).</summary>
/// <param name="TickerUrl">The ticker WebSocket; null in sim mode starts the simulator in-process.</param>
/// <param name="CredentialsFile">A file of <c>KEY=value</c> lines with mode 0600, or null to use the environment only.</param>
/// <param name="RestUrl">Kite's REST API root; null: Kite's own in live mode, the simulator's (the ticker's host and port) in sim mode.</param>
/// <param name="SettleAtStop">At a stop, how long the REST gateway still reads the order book for the run's orders open at the broker (null: the gateway's default, 3 s; zero: not at all).</param>
public sealed record BrokerSettings(Uri? TickerUrl, string? CredentialsFile, Uri? RestUrl = null, TimeSpan? SettleAtStop = null)
{
    /// <summary>Where orders go: <see cref="RestUrl"/>, or the REST root beside the ticker (the simulator serves both), or Kite's.</summary>
    public Uri RestRoot(EngineMode mode, Uri tickerUrl)
    {
        ArgumentNullException.ThrowIfNull(tickerUrl);
        if (RestUrl is { } url)
        {
            return url;
        }

        if (mode == EngineMode.Sim)
        {
            return new UriBuilder(tickerUrl) { Scheme = tickerUrl.Scheme == "wss" ? "https" : "http", Path = "/", Query = "" }.Uri;
        }

        return Engine.Kite.Rest.KiteRestOptions.KiteApi;
    }
}
