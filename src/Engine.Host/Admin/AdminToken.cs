using System.Security.Cryptography;
using Engine.Host.Configuration;

namespace Engine.Host.Admin;

/// <summary>
/// The admin endpoint's bearer token: 32 random bytes in hex, made at the first start into a file
/// only its owner can read (0600), read from it after. A file that group or others can read is
/// refused, as the credentials file is; the token is never logged.
/// </summary>
public sealed class AdminToken
{
    private readonly byte[] _utf8;

    private AdminToken(string value, string file)
    {
        Value = value;
        File = file;
        _utf8 = System.Text.Encoding.ASCII.GetBytes(value);
    }

    /// <summary>The token.</summary>
    public string Value { get; }

    /// <summary>The file it lives in.</summary>
    public string File { get; }

    /// <summary>Where the running engine writes its endpoint's URL for <c>engine ctl</c>: beside the token.</summary>
    public string EndpointFile => File + ".url";

    /// <summary>Reads the token in <paramref name="file"/>, making it (0600) if the file does not exist.</summary>
    public static AdminToken LoadOrCreate(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!System.IO.File.Exists(file))
        {
            string fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            OwnerOnlyFile.Write(file, [fresh]);
            return new AdminToken(fresh, file);
        }

        return Load(file);
    }

    /// <summary>Reads the token in <paramref name="file"/>; refuses a file others can read, or one without a token.</summary>
    public static AdminToken Load(string file)
    {
        if (OwnerOnlyFile.OthersCanReach(file))
        {
            throw new UnauthorizedAccessException($"{file}: the admin token file is readable by group or others; chmod 600 {file}");
        }

        string value = System.IO.File.ReadAllText(file).Trim();
        if (value.Length < 32)
        {
            throw new FormatException($"{file}: no admin token in it (delete the file and the engine makes a new one at its next start)");
        }

        return new AdminToken(value, file);
    }

    /// <summary>Writes the endpoint's URL beside the token (0600), for <c>engine ctl</c>.</summary>
    public void WriteEndpoint(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        OwnerOnlyFile.Write(EndpointFile, [url.ToString()]);
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer</c> and this token (compared in constant time).</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = System.Text.Encoding.ASCII.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _utf8);
    }
}
