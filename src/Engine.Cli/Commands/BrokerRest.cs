using Engine.Host.Configuration;
using Engine.Kite.Rest;
using Engine.Sim;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Cli.Commands;

/// <summary>
/// The Kite REST API a one-off command talks to: the one given, else the configuration's
/// <c>broker.rest_url</c>, else Kite's in live and paper mode; in sim mode the simulator beside
/// <c>broker.ticker_url</c>, or one started for the command and stopped with it.
/// </summary>
public sealed class BrokerRest : IAsyncDisposable
{
    private readonly KiteSimulator? _simulator;

    private BrokerRest(Uri url, KiteRestClient client, KiteSimulator? simulator)
    {
        Url = url;
        Client = client;
        _simulator = simulator;
    }

    /// <summary>The REST root.</summary>
    public Uri Url { get; }

    /// <summary>A client for it with the configuration's credentials.</summary>
    public KiteRestClient Client { get; }

    /// <summary>Resolves the endpoint for <paramref name="config"/> (<paramref name="given"/> first).</summary>
    public static async Task<BrokerRest> OpenAsync(EngineConfig config, string? given, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var credentials = CredentialsLoader.Load(config);
        KiteSimulator? simulator = null;
        Uri url;
        if (given is not null)
        {
            url = new Uri(given);
        }
        else if (config.Broker.RestUrl is { } configured)
        {
            url = configured;
        }
        else if (config.Mode != EngineMode.Sim)
        {
            url = KiteRestOptions.KiteApi;
        }
        else if (config.Broker.TickerUrl is { } ticker)
        {
            url = config.Broker.RestRoot(EngineMode.Sim, ticker);
        }
        else
        {
            simulator = await KiteSimulator.StartAsync(new SimulatorOptions { Port = 0, ApiKey = credentials.ApiKey, AccessToken = credentials.AccessToken, InstrumentsFile = config.InstrumentsFile, Seed = config.Simulator.Seed }, NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
            url = simulator.RestUrl;
        }

        return new BrokerRest(url, new KiteRestClient(new KiteRestOptions { BaseUrl = url, ApiKey = credentials.ApiKey, AccessToken = credentials.AccessToken }), simulator);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
