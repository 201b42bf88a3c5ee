using Engine.Core.Orders;
using Engine.Core.Positions;
using Engine.Core.Risk;

namespace Engine.Core.Reconciliation;

/// <summary>
/// What the engine knew about its account at a point: positions, the orders still open, the
/// round-trip record, the high-water marks and the risk state of the trading day. A restart
/// captures it from the journal's last run, reconciles it with the broker, and publishes it as the
/// new run's first input (<see cref="Events.CommandKind.AccountState"/>), so the new run and every
/// replay of it start from exactly this. Money is in paise, prices in wire units.
/// </summary>
public sealed record AccountState
{
    /// <summary>Where it came from: <c>journal</c> (the last run, caught up with the broker) or <c>broker</c> (the operator adopted the broker's state).</summary>
    public required string Source { get; init; }

    /// <summary>The input sequence of the last input of the run it was captured from (-1 if none).</summary>
    public long ThroughSequence { get; init; } = -1;

    /// <summary>Every position with a fill, flat ones included (their realised P&amp;L and charges count today).</summary>
    public IReadOnlyList<Position> Positions { get; init; } = [];

    /// <summary>Each instrument's last price and previous close.</summary>
    public IReadOnlyList<InstrumentMark> Marks { get; init; } = [];

    /// <summary>Orders not finished yet.</summary>
    public IReadOnlyList<TrackedOrder> Orders { get; init; } = [];

    /// <summary>Round trips closed.</summary>
    public long ClosedTrades { get; init; }

    /// <summary>Round trips that made money.</summary>
    public long WinningTrades { get; init; }

    /// <summary>The winning round trips' P&amp;L.</summary>
    public long WinTotal { get; init; }

    /// <summary>The losing round trips' losses (positive).</summary>
    public long LossTotal { get; init; }

    /// <summary>Losing round trips in a row.</summary>
    public int ConsecutiveLosses { get; init; }

    /// <summary>When the last losing round trip closed (input time), or 0.</summary>
    public long LastLossAtNs { get; init; }

    /// <summary>The equity high, marks included (0: start from the equity now).</summary>
    public long HighWaterMark { get; init; }

    /// <summary>The equity high without marks (0: start from the equity now).</summary>
    public long RealizedHighWaterMark { get; init; }

    /// <summary>The trading day the risk engine was in (days since 1970 in IST, shifted by the reset time), or <see cref="long.MinValue"/> before any market time.</summary>
    public long TradingDay { get; init; } = long.MinValue;

    /// <summary>Equity when that trading day began.</summary>
    public long DayStartEquity { get; init; }

    /// <summary>Orders sent that trading day.</summary>
    public long OrdersToday { get; init; }

    /// <summary>The trading state.</summary>
    public TradingState State { get; init; } = TradingState.Active;

    /// <summary>True if the kill switch was engaged.</summary>
    public bool KillSwitch { get; init; }

    /// <summary>True after an operator's flatten that no resume lifted.</summary>
    public bool Flattened { get; init; }

    /// <summary>The state of <paramref name="orders"/>' account and <paramref name="risk"/> now (call on the decision thread, or with the pipeline idle).</summary>
    public static AccountState Capture(OrderTracker orders, RiskContext risk, long throughSequence)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(risk);
        var account = orders.Account;
        var positions = new Position[account.Positions.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = account.Positions[i];
        }

        var open = new List<TrackedOrder>();
        for (int i = 0; i < orders.Count; i++)
        {
            if (orders[i].IsOpen)
            {
                open.Add(orders[i]);
            }
        }

        return new AccountState
        {
            Source = "journal",
            ThroughSequence = throughSequence,
            Positions = positions,
            Marks = account.Positions.Marks(),
            Orders = open,
            ClosedTrades = account.ClosedTrades,
            WinningTrades = account.WinningTrades,
            WinTotal = account.WinTotal,
            LossTotal = account.LossTotal,
            ConsecutiveLosses = account.ConsecutiveLosses,
            LastLossAtNs = account.LastLossAtNs,
            HighWaterMark = account.HighWaterMark,
            RealizedHighWaterMark = account.RealizedHighWaterMark,
            TradingDay = risk.TradingDay,
            DayStartEquity = risk.DayStartEquity,
            OrdersToday = risk.Budget.Today,
            State = risk.State,
            KillSwitch = risk.KillSwitchEngaged,
            Flattened = risk.Flattened,
        };
    }
}
