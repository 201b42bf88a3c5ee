using System.Security.Cryptography;
using System.Text;

namespace Engine.Kite.Rest;

/// <summary>The checksum of Kite's session exchange: lowercase hex SHA-256 of api_key + request_token + api_secret, concatenated.</summary>
public static class KiteSessionChecksum
{
    /// <summary>Computes the checksum.</summary>
    public static string Compute(string apiKey, string requestToken, string apiSecret)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        ArgumentNullException.ThrowIfNull(requestToken);
        ArgumentNullException.ThrowIfNull(apiSecret);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey + requestToken + apiSecret))).ToLowerInvariant();
    }
}
