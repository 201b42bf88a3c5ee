namespace Engine.Kite.Rest;

/// <summary>Where and how the REST client talks to Kite (or to the simulator, which serves the same API).</summary>
public sealed record KiteRestOptions
{
    /// <summary>Kite's API root.</summary>
    public static Uri KiteApi { get; } = new("https://api.kite.trade/");

    /// <summary>The API root; the simulator's REST address in sim mode.</summary>
    public Uri BaseUrl { get; init; } = KiteApi;

    /// <summary>The app's api_key.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The day's access_token (empty before login).</summary>
    public string AccessToken { get; init; } = "";

    /// <summary>The longest a call may take before it counts as unanswered (Kite's own clients use 7 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>The longest a new connection may take to open.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections kept open to the API at most (they are reused from call to call).</summary>
    public int MaxConnections { get; init; } = 4;
}
