using System.Globalization;
using System.Text.Json.Serialization;
using Engine.Core.Instruments;
using Engine.Core.Positions;

namespace Engine.Host.Running;

/// <summary>One position as status and the summary show it; money in rupees.</summary>
public sealed record PositionReport
{
    /// <summary>EXCHANGE:SYMBOL.</summary>
    [JsonPropertyName("instrument")]
    public required string Instrument { get; init; }

    /// <summary>mis, cnc or nrml.</summary>
    [JsonPropertyName("product")]
    public required string Product { get; init; }

    /// <summary>Net units (short is negative).</summary>
    [JsonPropertyName("quantity")]
    public long Quantity { get; init; }

    /// <summary>The open quantity's average price (to six places; printed to two).</summary>
    [JsonPropertyName("average_price")]
    public decimal AveragePrice { get; init; }

    /// <summary>The last traded price it is marked at.</summary>
    [JsonPropertyName("last_price")]
    public decimal LastPrice { get; init; }

    /// <summary>Realised P&amp;L.</summary>
    [JsonPropertyName("realized_pnl")]
    public decimal RealizedPnl { get; init; }

    /// <summary>Mark-to-market.</summary>
    [JsonPropertyName("unrealized_pnl")]
    public decimal UnrealizedPnl { get; init; }

    /// <summary>Charges on its executed orders.</summary>
    [JsonPropertyName("charges")]
    public decimal Charges { get; init; }

    /// <summary>
    /// <paramref name="position"/> in rupees, named after <paramref name="instrument"/> (by its
    /// token when the instrument is not known, with prices then taken as paise).
    /// </summary>
    public static PositionReport Of(in Position position, Instrument? instrument)
    {
        decimal divisor = instrument?.PriceDivisor ?? 100;
        return new PositionReport
        {
            Instrument = instrument?.Key ?? position.InstrumentToken.ToString(CultureInfo.InvariantCulture),
            Product = position.Product.ToString().ToLowerInvariant(),
            Quantity = position.NetQuantity,
            // From the open cost, not Position.AveragePrice, which drops the fraction of a paisa:
            // three buys averaging 993.3167 would read 993.31 here and 993.32 in the journal
            // reader's summary of the same fills.
            AveragePrice = position.NetQuantity == 0 ? 0 : Math.Round((decimal)position.OpenCost / position.NetQuantity / divisor, 6),
            LastPrice = position.LastPrice / divisor,
            RealizedPnl = position.RealizedPnl / 100m,
            UnrealizedPnl = position.UnrealizedPnl / 100m,
            Charges = position.Charges / 100m,
        };
    }
}
