namespace Engine.Core.Risk;

/// <summary>
/// The order budgets together: a second, a minute (the broker's and SEBI's per-second counts as
/// one window at the lower of the two) and the day. Every order the engine sends is counted, the
/// strategies' and its own closing orders alike.
/// </summary>
public sealed class OrderBudget
{
    private OrderRateWindow? _perSecond;
    private OrderRateWindow? _perMinute;
    private int _perDay;
    private long _today;

    /// <summary>Creates the budget for <paramref name="limits"/>.</summary>
    public OrderBudget(OrderBudgetLimits limits) => Apply(limits);

    /// <summary>
    /// New limits from this input on: the day's count stands; the windows start from the orders
    /// they held (as many of the latest as the new limit keeps).
    /// </summary>
    public void Apply(OrderBudgetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        int perSecond = new[] { limits.PerSecond, limits.SebiPerSecond }.Where(l => l > 0).DefaultIfEmpty(0).Min();
        _perSecond = perSecond > 0 ? new OrderRateWindow(perSecond, TimeSpan.FromSeconds(1), _perSecond) : null;
        _perMinute = limits.PerMinute > 0 ? new OrderRateWindow(limits.PerMinute, TimeSpan.FromMinutes(1), _perMinute) : null;
        _perDay = limits.PerDay;
        ModificationsPerOrder = limits.ModificationsPerOrder;
    }

    /// <summary>Modifications allowed per order (0: the broker's own limit), for <see cref="Orders.OrderStateMachine.ModifySent"/>.</summary>
    public int ModificationsPerOrder { get; private set; }

    /// <summary>Orders counted since the day began.</summary>
    public long Today => Volatile.Read(ref _today);

    /// <summary>The per-second limit in force (0: off).</summary>
    public int PerSecondLimit => _perSecond?.Limit ?? 0;

    /// <summary>The per-minute limit (0: off).</summary>
    public int PerMinuteLimit => _perMinute?.Limit ?? 0;

    /// <summary>The daily limit (0: off).</summary>
    public int PerDayLimit => _perDay;

    /// <summary>The budget one more order at <paramref name="nowNs"/> would break, or <see cref="RiskRule.None"/>.</summary>
    public RiskRule Check(long nowNs)
    {
        if (_perDay > 0 && _today >= _perDay)
        {
            return RiskRule.OrdersPerDay;
        }

        if (_perMinute is not null && !_perMinute.HasRoomAt(nowNs))
        {
            return RiskRule.OrdersPerMinute;
        }

        return _perSecond is not null && !_perSecond.HasRoomAt(nowNs) ? RiskRule.OrdersPerSecond : RiskRule.None;
    }

    /// <summary>Counts an order sent at <paramref name="nowNs"/>.</summary>
    public void Record(long nowNs)
    {
        _perSecond?.Record(nowNs);
        _perMinute?.Record(nowNs);
        Volatile.Write(ref _today, _today + 1);
    }

    /// <summary>Orders in the second ending at <paramref name="nowNs"/>.</summary>
    public int InLastSecond(long nowNs) => _perSecond?.CountAt(nowNs) ?? 0;

    /// <summary>Orders in the minute ending at <paramref name="nowNs"/>.</summary>
    public int InLastMinute(long nowNs) => _perMinute?.CountAt(nowNs) ?? 0;

    /// <summary>A new trading day: the day's count starts again.</summary>
    public void ResetDay() => Volatile.Write(ref _today, 0);

    /// <summary>Takes the day's count from a restored account (the per-second and per-minute windows start empty: a restart takes longer than a minute's history matters).</summary>
    public void RestoreToday(long ordersToday) => Volatile.Write(ref _today, Math.Max(0, ordersToday));
}
