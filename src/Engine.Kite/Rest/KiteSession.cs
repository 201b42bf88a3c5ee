using System.Text.Json.Serialization;

namespace Engine.Kite.Rest;

/// <summary>What Kite's session exchange returns: the day's access token and who it belongs to.</summary>
public sealed record KiteSession
{
    /// <summary>The Kite user id.</summary>
    [JsonPropertyName("user_id")] public string UserId { get; init; } = "";

    /// <summary>The user's name.</summary>
    [JsonPropertyName("user_name")] public string? UserName { get; init; }

    /// <summary>The app's api_key.</summary>
    [JsonPropertyName("api_key")] public string ApiKey { get; init; } = "";

    /// <summary>The access token, valid until 06:00 IST the next day. A secret: never log it.</summary>
    [JsonPropertyName("access_token")] public string AccessToken { get; init; } = "";

    /// <summary>The public token.</summary>
    [JsonPropertyName("public_token")] public string? PublicToken { get; init; }

    /// <summary>When the user logged in (IST).</summary>
    [JsonPropertyName("login_time")] public string? LoginTime { get; init; }

    /// <summary>Exchanges enabled for the user.</summary>
    [JsonPropertyName("exchanges")] public IReadOnlyList<string> Exchanges { get; init; } = [];

    /// <summary>Products enabled for the user.</summary>
    [JsonPropertyName("products")] public IReadOnlyList<string> Products { get; init; } = [];

    /// <summary>Masks the token for logs and <c>ToString</c>.</summary>
    public override string ToString() => $"KiteSession {{ UserId = {UserId}, ApiKey = {ApiKey}, AccessToken = (hidden) }}";
}
