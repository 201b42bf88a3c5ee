namespace Engine.Host.Configuration;

/// <summary>
/// The Kite API key and access token (and the API secret, for the login flow). Never logged, never
/// journaled, never part of the configuration: <see cref="ToString"/> says only where they came from.
/// </summary>
public sealed class KiteCredentials(string apiKey, string accessToken, string? apiSecret, string source, DateTimeOffset? expires = null)
{
    /// <summary>The API key.</summary>
    public string ApiKey { get; } = apiKey;

    /// <summary>The day's access token.</summary>
    public string AccessToken { get; } = accessToken;

    /// <summary>The API secret, when given.</summary>
    public string? ApiSecret { get; } = apiSecret;

    /// <summary>When the access token expires (06:00 IST after its login), if known.</summary>
    public DateTimeOffset? Expires { get; } = expires;

    /// <summary>Where they came from (for the start-up log).</summary>
    public string Source { get; } = source;

    /// <inheritdoc/>
    public override string ToString() => $"credentials from {Source}";
}
