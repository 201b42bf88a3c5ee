namespace Engine.Kite.Rest;

/// <summary>
/// The form fields of a place (all that apply) or a modify (only those to change) of a regular
/// order (PROTOCOL.md §2.3). Prices in rupees. Unset fields are not sent.
/// </summary>
public sealed record KiteOrderParameters
{
    // What Kite takes in a tag: ASCII letters and digits.
    private static readonly System.Buffers.SearchValues<char> s_tagCharacters = System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>NSE, BSE, NFO, BFO, CDS, BCD, MCX.</summary>
    public string? Exchange { get; init; }

    /// <summary>The exchange symbol.</summary>
    public string? TradingSymbol { get; init; }

    /// <summary>BUY or SELL.</summary>
    public string? TransactionType { get; init; }

    /// <summary>MARKET, LIMIT, SL, SL-M.</summary>
    public string? OrderType { get; init; }

    /// <summary>Units (not lots).</summary>
    public long? Quantity { get; init; }

    /// <summary>CNC, NRML, MIS.</summary>
    public string? Product { get; init; }

    /// <summary>Limit price for LIMIT and SL.</summary>
    public decimal? Price { get; init; }

    /// <summary>Trigger price for SL and SL-M.</summary>
    public decimal? TriggerPrice { get; init; }

    /// <summary>Shown quantity (equities only).</summary>
    public long? DisclosedQuantity { get; init; }

    /// <summary>DAY, IOC, TTL.</summary>
    public string? Validity { get; init; }

    /// <summary>Minutes, with TTL.</summary>
    public int? ValidityTtl { get; init; }

    /// <summary>For MARKET and SL-M: -1 automatic, 1 to 100 percent.</summary>
    public int? MarketProtection { get; init; }

    /// <summary>At most 20 alphanumeric characters, echoed back in the order's <c>tag</c>.</summary>
    public string? Tag { get; init; }

    /// <summary>The form body, checked: a tag longer than 20 characters or not alphanumeric is refused here rather than by Kite.</summary>
    public FormBody ToFormBody()
    {
        if (Tag is { } tag && (tag.Length > 20 || tag.AsSpan().ContainsAnyExcept(s_tagCharacters)))
        {
            throw new ArgumentException($"tag '{tag}' is not allowed: Kite takes at most 20 alphanumeric characters.", nameof(Tag));
        }

        return new FormBody()
            .Add("exchange", Exchange)
            .Add("tradingsymbol", TradingSymbol)
            .Add("transaction_type", TransactionType)
            .Add("order_type", OrderType)
            .Add("quantity", Quantity)
            .Add("product", Product)
            .Add("price", Price)
            .Add("trigger_price", TriggerPrice)
            .Add("disclosed_quantity", DisclosedQuantity)
            .Add("validity", Validity)
            .Add("validity_ttl", ValidityTtl)
            .Add("market_protection", MarketProtection)
            .Add("tag", Tag);
    }
}
