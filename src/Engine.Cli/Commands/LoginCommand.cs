using System.CommandLine;
using Engine.Core.Strategies;
using Engine.Host.Configuration;

namespace Engine.Cli.Commands;

/// <summary><c>engine login</c>: the daily Kite login, its access token stored (0600) with its expiry in the credentials file.</summary>
public static class LoginCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The engine configuration: its broker.credentials_file holds KITE_API_KEY and KITE_API_SECRET, and gets the token.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var requestToken = new Option<string?>("--request-token") { Description = "The request_token from the redirect URL, pasted (otherwise the redirect is caught on 127.0.0.1)." };
        var port = new Option<int>("--port") { Description = "The loopback port of the redirect URL set in the Kite app.", DefaultValueFactory = _ => 5000 };
        var restUrl = new Option<string?>("--rest-url") { Description = "Where to exchange the token (default: broker.rest_url, else https://api.kite.trade/)." };
        var wait = new Option<string>("--wait") { Description = "How long to wait for the redirect.", DefaultValueFactory = _ => "5m" };
        var command = new Command("login", "Log in to Kite for the day: print the login URL, catch the redirect's request_token (or take it pasted), exchange it for the access token and store it with its expiry (06:00 IST) in the credentials file.") { config, requestToken, port, restUrl, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = EngineConfigLoader.Load(parse.GetValue(config)!, StrategyRegistry.CreateWithBuiltins());
            string file = loaded.Broker.CredentialsFile
                ?? throw new FormatException($"{loaded.SourceFile}: name broker.credentials_file (a 0600 file with KITE_API_KEY= and KITE_API_SECRET= lines); the token is stored there");
            var credentials = ReadKeyAndSecret(file);
            var rest = parse.GetValue(restUrl) is { } url ? new Uri(url) : loaded.Broker.RestUrl ?? new Uri("https://api.kite.trade/");
            string? token = parse.GetValue(requestToken);
            if (token is null)
            {
                int listen = parse.GetValue(port);
                Console.WriteLine($"open this in a browser and log in: {KiteLogin.LoginUrl(credentials.Key)}");
                Console.WriteLine($"waiting for Kite's redirect on http://127.0.0.1:{listen}/ (the Kite app's redirect URL must be that); or paste the request_token with --request-token");
                token = await KiteLogin.CatchRedirectAsync(listen, DurationText.Parse(parse.GetValue(wait)!, "--wait"), cancellationToken);
            }

            var expires = await KiteLogin.ExchangeAndStoreAsync(rest, credentials.Key, credentials.Secret, token, file, cancellationToken);
            Console.WriteLine($"logged in; the access token is stored in {file} (mode 0600) and expires at {expires.ToOffset(Engine.Core.Time.UnixTime.IstOffset):yyyy-MM-dd HH:mm} IST");
            return 0;
        });
        return command;
    }

    // The key and the secret from the environment or the credentials file (never the command line, where other users see it).
    private static (string Key, string Secret) ReadKeyAndSecret(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file}: make it (chmod 600) with KITE_API_KEY=... and KITE_API_SECRET=... lines");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { "KITE_API_KEY", "KITE_API_SECRET" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        CredentialsLoader.ReadFile(file, values);
        return values.GetValueOrDefault("KITE_API_KEY") is { Length: > 0 } key && values.GetValueOrDefault("KITE_API_SECRET") is { Length: > 0 } secret
            ? (key, secret)
            : throw new FormatException($"{file}: needs KITE_API_KEY= and KITE_API_SECRET= lines (or those variables in the environment)");
    }
}
