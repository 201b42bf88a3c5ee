namespace Engine.Kite.Ticker;

/// <summary>How the ticker connects. The defaults are Kite's production values and limits.</summary>
public sealed class KiteTickerOptions
{
    /// <summary>The ticker's URL; <c>api_key</c> and <c>access_token</c> are added as query parameters.</summary>
    public Uri Url { get; init; } = new("wss://ws.kite.trade/");

    /// <summary>The app's api_key.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The day's access_token (valid until 06:00 IST the next day).</summary>
    public required string AccessToken { get; init; }

    /// <summary>Kite's limit per connection.</summary>
    public int MaxInstrumentsPerConnection { get; init; } = 3000;

    /// <summary>Kite's limit of connections per api_key.</summary>
    public int MaxConnections { get; init; } = 3;

    /// <summary>No frame at all (not even a heartbeat) for this long means the connection is dead.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first reconnect delay; it doubles per failed attempt, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The core each connection's receive thread (<c>ticker-N</c>, which reads, decodes and
    /// publishes every frame) is pinned to; null leaves it where the scheduler puts it.
    /// </summary>
    public int? ReceiveCore { get; init; }

    /// <summary>Checks a wss server's certificate in place of the system's trust store (tests with a certificate of their own).</summary>
    internal System.Net.Security.RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Initial receive buffer; it grows for larger frames and is kept.</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;
}
