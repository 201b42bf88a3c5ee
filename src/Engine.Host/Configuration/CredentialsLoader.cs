namespace Engine.Host.Configuration;

/// <summary>
/// Finds the Kite credentials: the environment (<c>KITE_API_KEY</c>, <c>KITE_ACCESS_TOKEN</c>,
/// <c>KITE_API_SECRET</c>) first, then the credentials file named in the configuration, which must
/// not be readable by anyone but its owner (mode 0600 or 0400).
/// </summary>
public static class CredentialsLoader
{
    /// <summary>The simulator's credentials, used in sim mode when none are given.</summary>
    public static KiteCredentials Simulator { get; } = new("sim_api_key", "sim_access_token", null, "the simulator's defaults");

    /// <summary>Resolves credentials for <paramref name="config"/>; throws a <see cref="ConfigurationException"/> when live trading has none or the file is unsafe.</summary>
    public static KiteCredentials Load(EngineConfig config, Func<string, string?>? environment = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        environment ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (string name in new[] { "KITE_API_KEY", "KITE_ACCESS_TOKEN", "KITE_API_SECRET", "KITE_TOKEN_EXPIRES" })
        {
            if (environment(name) is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        if (values.Count > 0)
        {
            sources.Add("the environment");
        }

        if (config.Broker.CredentialsFile is { } file)
        {
            ReadFile(file, values);
            sources.Add($"'{file}'");
        }

        if (values.TryGetValue("KITE_API_KEY", out var key) && values.TryGetValue("KITE_ACCESS_TOKEN", out var token))
        {
            DateTimeOffset? expires = null;
            if (values.TryGetValue("KITE_TOKEN_EXPIRES", out var expiresText))
            {
                if (!DateTimeOffset.TryParse(expiresText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                {
                    throw new ConfigurationException($"{config.SourceFile}: KITE_TOKEN_EXPIRES '{expiresText}' is not a time such as 2026-12-02T06:00:00+05:30");
                }

                expires = parsed;
            }

            if (config.Mode != EngineMode.Sim && expires is { } at && at <= (now ?? DateTimeOffset.UtcNow))
            {
                throw new ConfigurationException(
                    $"{config.SourceFile}: the Kite access token expired at {at.ToOffset(Core.Time.UnixTime.IstOffset):yyyy-MM-dd HH:mm} IST; renew it: engine login --config {config.SourceFile}");
            }

            return new KiteCredentials(key, token, values.GetValueOrDefault("KITE_API_SECRET"), string.Join(" and ", sources), expires);
        }

        if (config.Mode == EngineMode.Sim)
        {
            return Simulator;
        }

        throw new ConfigurationException(
            $"{config.SourceFile}: mode {config.Mode.ToString().ToLowerInvariant()} needs Kite credentials: set KITE_API_KEY and KITE_ACCESS_TOKEN in the environment, or name a credentials file (KEY=value lines, mode 0600) in broker.credentials_file");
    }

    /// <summary>The KEY=value lines of a credentials file (the environment's values take precedence over what is already in <paramref name="values"/>); refuses a file others can reach.</summary>
    public static void ReadFile(string file, Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (OwnerOnlyFile.OthersCanReach(file))
        {
            throw new ConfigurationException(
                $"broker.credentials_file: '{file}' can be read or written by others (mode {OwnerOnlyFile.ModeText(file)}); run: chmod 600 '{file}'");
        }

        int lineNumber = 0;
        foreach (string raw in File.ReadLines(file))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string name = equals > 0 ? line[..equals].Trim() : "";
            if (name is not ("KITE_API_KEY" or "KITE_ACCESS_TOKEN" or "KITE_API_SECRET" or "KITE_TOKEN_EXPIRES"))
            {
                // The line may hold a secret: name only its position.
                throw new ConfigurationException($"broker.credentials_file: '{file}', line {lineNumber}: expected KITE_API_KEY=..., KITE_ACCESS_TOKEN=..., KITE_API_SECRET=... or KITE_TOKEN_EXPIRES=...");
            }

            values.TryAdd(name, line[(equals + 1)..].Trim());
        }
    }
}
