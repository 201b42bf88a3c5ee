using System.Net;
using System.Net.Sockets;
using Engine.Host.Configuration;
using Engine.Tests.Running;

namespace Engine.Tests.Cli;

/// <summary>
/// The daily login against the simulator's session endpoint: a pasted request_token becomes the
/// access token in the 0600 credentials file with its expiry (06:00 IST next); the redirect is
/// caught on loopback; the engine refuses an expired token outside sim mode and says how to renew.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LoginCommandTests
{
    [Fact]
    public async Task APastedRequestTokenIsExchangedAndStoredWithItsExpiryInTheOwnerOnlyFile()
    {
        await using var simulator = await Engine.Tests.Sim.TestSimulator.StartAsync();
        using var config = new TestEngineConfig(extra: "broker:\n  credentials_file: kite.env\n");
        string file = Path.Combine(config.Folder, "kite.env");
        File.WriteAllText(file, "KITE_API_KEY=sim_api_key\nKITE_API_SECRET=sim_api_secret\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (exit, stdout, stderr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "login", "--config", config.File, "--request-token", "pasted_token", "--rest-url", simulator.RestUrl.ToString());
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("expires at", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sim_access_token", stdout + stderr);
        var lines = File.ReadAllLines(file);
        Assert.Contains("KITE_ACCESS_TOKEN=sim_access_token", lines);
        Assert.Contains("KITE_API_SECRET=sim_api_secret", lines);
        var expires = DateTimeOffset.Parse(lines.Single(l => l.StartsWith("KITE_TOKEN_EXPIRES=", StringComparison.Ordinal))["KITE_TOKEN_EXPIRES=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(KiteLogin.ExpiryOf(DateTimeOffset.UtcNow), expires);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        var (badExit, _, badErr) = EngineProcess.Run(TimeSpan.FromSeconds(60), "login", "--config", config.File, "--request-token", "x", "--rest-url", "http://127.0.0.1:9/");
        Assert.NotEqual(0, badExit);
        Assert.DoesNotContain("sim_api_secret", badErr);
    }

    [Fact]
    public void TokensExpireAtSixInTheMorningIst()
    {
        var ist = TimeSpan.FromHours(5.5);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 6, 0, 0, ist), KiteLogin.ExpiryOf(new DateTimeOffset(2026, 12, 1, 8, 30, 0, ist)));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 6, 0, 0, ist), KiteLogin.ExpiryOf(new DateTimeOffset(2026, 12, 1, 23, 59, 0, ist)));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 6, 0, 0, ist), KiteLogin.ExpiryOf(new DateTimeOffset(2026, 12, 2, 5, 0, 0, ist)));
    }

    [Fact]
    public async Task TheRedirectIsCaughtOnLoopbackWithItsRequestToken()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var caught = KiteLogin.CatchRedirectAsync(port, TimeSpan.FromSeconds(30), CancellationToken.None);
        using var http = new HttpClient();
        string page = "";
        for (int i = 0; i < 50 && page.Length == 0; i++)
        {
            try
            {
                page = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/?action=login&type=login&status=success&request_token=abc123"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal("abc123", await caught);
        Assert.Contains("Logged in", page, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExpiredTokenIsRefusedOutsideSimModeWithHowToRenewIt()
    {
        using var config = new TestEngineConfig(extra: "broker:\n  credentials_file: kite.env\n");
        string file = Path.Combine(config.Folder, "kite.env");
        KiteLogin.Store(file, "k", "s", "t", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.FromHours(5.5)));
        File.WriteAllText(config.File, File.ReadAllText(config.File).Replace("mode: sim", "mode: paper", StringComparison.Ordinal));
        var loaded = EngineConfigLoader.Load(config.File, Engine.Core.Strategies.StrategyRegistry.CreateWithBuiltins());
        var error = Assert.Throws<ConfigurationException>(() => CredentialsLoader.Load(loaded, _ => null, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(5.5))));
        Assert.Contains("expired at 2026-12-01 06:00 IST", error.Message, StringComparison.Ordinal);
        Assert.Contains("engine login --config", error.Message, StringComparison.Ordinal);
        Assert.Equal("t", CredentialsLoader.Load(loaded, _ => null, new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.FromHours(5.5))).AccessToken);
    }
}
