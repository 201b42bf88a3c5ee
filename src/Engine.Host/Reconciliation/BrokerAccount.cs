using Engine.Kite.Rest;

namespace Engine.Host.Reconciliation;

/// <summary>The account as the broker reports it at start-up: net positions, the day's order book and its trades.</summary>
public sealed record BrokerAccount(IReadOnlyList<KitePosition> Positions, IReadOnlyList<KiteOrder> Orders, IReadOnlyList<KiteTrade> Trades)
{
    /// <summary>Reads the three from Kite's API (or the simulator's); a failed call fails the start-up, as nothing may trade on a guess (a refused token throws <see cref="KiteApiException"/>).</summary>
    public static async Task<BrokerAccount> FetchAsync(KiteRestClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var orders = await client.GetOrdersAsync(cancellationToken).ConfigureAwait(false);
        var trades = await client.GetTradesAsync(cancellationToken).ConfigureAwait(false);
        var positions = await client.GetPositionsAsync(cancellationToken).ConfigureAwait(false);
        return new BrokerAccount(
            Read(positions, "positions").Net,
            Read(orders, "order book"),
            Read(trades, "trades"));
    }

    private static T Read<T>(KiteResponse<T> response, string what)
    {
        if (response.Error is { } error)
        {
            // A refused token is the credentials' fault, not the account's: the run stops as a refused handshake does.
            throw error.Type == Core.Orders.BrokerError.Token
                ? new KiteApiException(error)
                : new InvalidOperationException($"the broker's {what} could not be read ({error})");
        }

        return response.Data!;
    }
}
