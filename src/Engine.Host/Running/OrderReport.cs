using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Host.Running;

/// <summary>One of the engine's orders as the admin endpoint's <c>GET /orders</c> and <c>engine ctl orders</c> show it; prices in rupees.</summary>
public sealed record OrderReport
{
    /// <summary>The engine's id (its Kite tag).</summary>
    [JsonPropertyName("client_order_id")]
    public ulong ClientOrderId { get; init; }

    /// <summary>The broker's id, once known (0 before).</summary>
    [JsonPropertyName("broker_order_id")]
    public ulong BrokerOrderId { get; init; }

    /// <summary>EXCHANGE:SYMBOL.</summary>
    [JsonPropertyName("instrument")]
    public required string Instrument { get; init; }

    /// <summary>buy or sell.</summary>
    [JsonPropertyName("side")]
    public required string Side { get; init; }

    /// <summary>mis, cnc or nrml.</summary>
    [JsonPropertyName("product")]
    public required string Product { get; init; }

    /// <summary>market, limit, stop_loss or stop_loss_market.</summary>
    [JsonPropertyName("order_type")]
    public required string OrderType { get; init; }

    /// <summary>pending_new, working, pending_modify, pending_cancel, complete, cancelled or rejected.</summary>
    [JsonPropertyName("state")]
    public required string State { get; init; }

    /// <summary>Kite's last status for it.</summary>
    [JsonPropertyName("broker_status")]
    public required string BrokerStatus { get; init; }

    /// <summary>Units ordered.</summary>
    [JsonPropertyName("quantity")]
    public long Quantity { get; init; }

    /// <summary>Units filled.</summary>
    [JsonPropertyName("filled")]
    public long Filled { get; init; }

    /// <summary>The fills' average price (0 before a fill).</summary>
    [JsonPropertyName("average_price")]
    public decimal AveragePrice { get; init; }

    /// <summary>True for the engine's own orders (square-off, flatten) rather than a strategy's.</summary>
    [JsonPropertyName("system")]
    public bool System { get; init; }

    /// <summary>The input that created it.</summary>
    [JsonPropertyName("input_sequence")]
    public long InputSequence { get; init; }

    /// <summary>
    /// The open orders and the latest <paramref name="finished"/> finished ones of <paramref name="tracker"/>,
    /// newest first. Read from another thread than the one that keeps them, so an order may be one input behind.
    /// </summary>
    public static IReadOnlyList<OrderReport> Of(OrderTracker tracker, IReadOnlyList<Instrument> instruments, int finished = 50)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(instruments);
        var byToken = instruments.ToDictionary(i => i.InstrumentToken);
        var orders = new List<OrderReport>();
        int done = 0;
        for (int i = tracker.Count - 1; i >= 0; i--)
        {
            var o = tracker[i];
            if (o.IsTerminal && done++ >= finished)
            {
                continue;
            }

            bool known = byToken.TryGetValue(o.InstrumentToken, out var instrument);
            decimal divisor = known ? instrument!.PriceDivisor : 100;
            orders.Add(new OrderReport
            {
                ClientOrderId = o.ClientOrderId,
                BrokerOrderId = o.BrokerOrderId,
                Instrument = known ? instrument!.Key : o.InstrumentToken.ToString(CultureInfo.InvariantCulture),
                Side = o.Side.ToString().ToLowerInvariant(),
                Product = o.Product.ToString().ToLowerInvariant(),
                OrderType = JsonNamingPolicy.SnakeCaseLower.ConvertName(o.OrderType.ToString()),
                State = JsonNamingPolicy.SnakeCaseLower.ConvertName(o.State.ToString()),
                BrokerStatus = OrderStatuses.ToKite(o.BrokerStatus),
                Quantity = o.Quantity,
                Filled = o.FilledQuantity,
                AveragePrice = o.FilledQuantity == 0 ? 0 : o.FilledValue / (decimal)o.FilledQuantity / divisor,
                System = OrderIds.IsSystem(o.ClientOrderId),
                InputSequence = o.InputSequence,
            });
        }

        return orders;
    }
}
