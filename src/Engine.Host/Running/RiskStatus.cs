using System.Globalization;
using System.Text.Json.Serialization;
using Engine.Core.Instruments;
using Engine.Core.Pipeline;
using Engine.Core.Risk;

namespace Engine.Host.Running;

/// <summary>
/// The account and the risk engine as status, the admin endpoint and the summary show them:
/// trading state, P&amp;L gross and net of charges, positions, and every limit's distance. Read from
/// another thread than the one that keeps them, so figures may be one input apart.
/// </summary>
public sealed record RiskStatus
{
    /// <summary>active, reducing or halted.</summary>
    [JsonPropertyName("trading_state")]
    public required string TradingState { get; init; }

    /// <summary>True while the feed watchdog finds the feed stale.</summary>
    [JsonPropertyName("feed_stale")]
    public bool FeedStale { get; init; }

    /// <summary>The capital at the start, rupees.</summary>
    [JsonPropertyName("capital")]
    public decimal Capital { get; init; }

    /// <summary>Capital plus net P&amp;L.</summary>
    [JsonPropertyName("equity")]
    public decimal Equity { get; init; }

    /// <summary>Realised P&amp;L.</summary>
    [JsonPropertyName("realized_pnl")]
    public decimal RealizedPnl { get; init; }

    /// <summary>Mark-to-market of the open positions.</summary>
    [JsonPropertyName("unrealized_pnl")]
    public decimal UnrealizedPnl { get; init; }

    /// <summary>Realised plus mark-to-market.</summary>
    [JsonPropertyName("gross_pnl")]
    public decimal GrossPnl { get; init; }

    /// <summary>Charges on today's executed orders.</summary>
    [JsonPropertyName("charges")]
    public decimal Charges { get; init; }

    /// <summary>Gross P&amp;L less charges.</summary>
    [JsonPropertyName("net_pnl")]
    public decimal NetPnl { get; init; }

    /// <summary>Orders sent today (the engine's own included).</summary>
    [JsonPropertyName("orders_today")]
    public long OrdersToday { get; init; }

    /// <summary>Every position with a fill.</summary>
    [JsonPropertyName("positions")]
    public required IReadOnlyList<PositionReport> Positions { get; init; }

    /// <summary>Intents the gate denied, by rule (only rules that denied any).</summary>
    [JsonPropertyName("rejections")]
    public required IReadOnlyDictionary<string, long> Rejections { get; init; }

    /// <summary>Every measured limit.</summary>
    [JsonPropertyName("limits")]
    public required IReadOnlyList<LimitReport> Limits { get; init; }

    /// <summary>The limit with the least left, if any is measured.</summary>
    [JsonIgnore]
    public LimitReport? Closest => Limits.Count == 0 ? null : Limits.OrderBy(l => l.RemainingPercent).First();

    /// <summary>The status of <paramref name="pipeline"/>'s risk stage, naming instruments from <paramref name="instruments"/>.</summary>
    public static RiskStatus Of(TradingPipeline pipeline, IReadOnlyList<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(instruments);
        var context = pipeline.Risk.Context;
        var account = context.Account;
        var byToken = instruments.ToDictionary(i => i.InstrumentToken);
        var positions = new List<PositionReport>();
        long largestLot = 0;
        var book = account.Positions;
        for (int i = 0; i < book.Count; i++)
        {
            var p = book[i];
            bool known = byToken.TryGetValue(p.InstrumentToken, out var instrument);
            if (p.NetQuantity != 0 && known)
            {
                largestLot = Math.Max(largestLot, Math.Max(1, instrument!.LotSize) * p.LastPrice);
            }

            positions.Add(PositionReport.Of(p, known ? instrument : null));
        }

        var limits = pipeline.Monitor.Distances().Select(d => new LimitReport
        {
            Limit = RiskLimitText.Name(d.Limit),
            Status = RiskLimitText.Name(d.Status),
            Used = d.IsMoney ? Rupees(d.Used) : d.Used,
            Max = d.IsMoney ? Rupees(d.Max) : d.Max,
            Remaining = d.IsMoney ? Rupees(d.Remaining) : d.Remaining,
            RemainingPercent = Math.Round(d.RemainingPercent, 1),
            RemainingLots = d.Limit is RiskLimit.GrossExposure or RiskLimit.NetExposure && largestLot > 0 ? d.Remaining / largestLot : null,
            Rupees = d.IsMoney,
        }).ToList();

        long realized = account.RealizedPnl;
        long unrealized = account.UnrealizedPnl;
        long charges = account.Charges;
        return new RiskStatus
        {
            TradingState = RiskLimitText.Name(context.State),
            FeedStale = context.FeedStale,
            Capital = Rupees(account.Capital),
            Equity = Rupees(account.Capital + realized + unrealized - charges),
            RealizedPnl = Rupees(realized),
            UnrealizedPnl = Rupees(unrealized),
            GrossPnl = Rupees(realized + unrealized),
            Charges = Rupees(charges),
            NetPnl = Rupees(realized + unrealized - charges),
            OrdersToday = context.Budget.Today,
            Positions = positions,
            Limits = limits,
            Rejections = Enum.GetValues<RiskRule>().Where(r => r != RiskRule.None && pipeline.Risk.RejectedBy(r) > 0).ToDictionary(RiskRuleText.Name, pipeline.Risk.RejectedBy),
        };
    }

    /// <summary>The words for the status line: state, net P&amp;L with gross and charges, and the closest limit.</summary>
    public string ToLine()
    {
        var inv = CultureInfo.InvariantCulture;
        var closest = Closest;
        string limit = closest is null ? "no limits set" : string.Create(inv, $"closest {closest.Limit} {closest.Status} ({closest.RemainingPercent:F0}% left)");
        return string.Create(inv, $"{TradingState.ToUpperInvariant()}  P&L net {Money(NetPnl)} (gross {Money(GrossPnl)}, charges {Money(Charges)})  {Positions.Count(p => p.Quantity != 0)} open  {limit}");
    }

    /// <summary>Rupees for people: ₹1,234.50 or -₹12.00.</summary>
    public static string Money(decimal rupees) => (rupees < 0 ? "-₹" : "₹") + Math.Abs(rupees).ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static decimal Rupees(long paise) => paise / 100m;
}
