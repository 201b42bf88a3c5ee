using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Core.Risk;

/// <summary>
/// The risk stage after the order tracker, once an input's fills and marks are in the account:
/// it measures the lines that move the trading state (daily loss, overall loss, trailing drawdown,
/// the day's order count), tightens the state when one is critical or reached (and, if so
/// configured, has the book flattened at a halt), writes every state change into the slot with
/// its cause, and at the configured interval of market time (and at every change) writes a
/// snapshot of the account and every limit's distance for the journal. Other threads read the
/// latest distances for status.
/// </summary>
public sealed class RiskMonitor : IEventHandler<RingEvent>
{
    private const long PublishIntervalNs = 250_000_000;
    private readonly RiskContext _context;
    private readonly Action? _flatten;
    private readonly LimitDistance[][] _published = [new LimitDistance[LimitDistanceBuffer.Capacity], new LimitDistance[LimitDistanceBuffer.Capacity]];
    private int _publishedIndex;
    private int _publishedCount;
    private long _nextSnapshotNs = long.MinValue;
    private long _nextPublishNs = long.MinValue;
    private long _seenChanges = -1;
    private long _seenOrders = -1;
    private TradingState _seenState;
    private int _seenRules = -1;

    /// <summary>Creates the monitor over <paramref name="context"/>; <paramref name="flatten"/> closes the book when a halt should.</summary>
    public RiskMonitor(RiskContext context, Action? flatten = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _flatten = flatten;
    }

    /// <inheritdoc/>
    public string Name => "risk-monitor";

    /// <summary>The latest distances (a copy; any thread).</summary>
    public LimitDistance[] Distances()
    {
        int index = Volatile.Read(ref _publishedIndex);
        int count = Volatile.Read(ref _publishedCount);
        return _published[index][..count];
    }

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        data.HasRiskSnapshot = false;
        // The lines move only when the account, the day's order count or the state does (the
        // day's reset changes the state or the account's start): most ticks change none of them.
        var account = _context.Account;
        if (account.Changes != _seenChanges || _context.Budget.Today != _seenOrders || _context.State != _seenState || _context.RuleSetChanges != _seenRules)
        {
            MeasureLines();
            _seenChanges = account.Changes;
            _seenOrders = _context.Budget.Today;
            _seenState = _context.State;
            _seenRules = _context.RuleSetChanges;
        }

        _context.TakeStateChanges(ref data);
        long market = _context.MarketTimeNs;
        if (data.RiskChangeCount > 0 || (market > 0 && market >= _nextSnapshotNs))
        {
            Snapshot(ref data.RiskSnapshot);
            data.HasRiskSnapshot = true;
            if (market > 0)
            {
                long interval = Math.Max(1, (long)_context.Options.States.SnapshotInterval.TotalNanoseconds);
                _nextSnapshotNs = (market / interval * interval) + interval;
            }

            Publish(data.RiskSnapshot);
        }
        else if (data.ReceiveTimestampNs >= _nextPublishNs)
        {
            RiskSnapshot fresh = default;
            Snapshot(ref fresh);
            Publish(fresh);
            _nextPublishNs = data.ReceiveTimestampNs + PublishIntervalNs;
        }
    }

    // The lines that move the trading state: a critical one tightens it to reducing-only, a reached one halts.
    private void MeasureLines()
    {
        var states = _context.Options.States;
        Span<LimitDistance> lines = stackalloc LimitDistance[4];
        int count = 0;
        Line(lines, ref count, RiskLimit.DailyLoss, _context.DailyLoss, _context.DailyLossLimit, states);
        Line(lines, ref count, RiskLimit.MaxLoss, _context.TotalLoss, _context.Options.Loss.MaxLoss, states);
        Line(lines, ref count, RiskLimit.TrailingDrawdown, _context.Drawdown, _context.Options.Loss.TrailingDrawdown, states);
        Line(lines, ref count, RiskLimit.OrdersPerDay, _context.Budget.Today, _context.Budget.PerDayLimit, states);
        int worst = -1;
        for (int i = 0; i < count; i++)
        {
            if (worst < 0 || lines[i].Status > lines[worst].Status)
            {
                worst = i;
            }
        }

        if (worst >= 0 && lines[worst].Status == LimitStatus.Violated)
        {
            if (_context.Transition(TradingStateTrigger.LimitViolated, lines[worst]) && states.FlattenOnHalt && lines[worst].Limit != RiskLimit.OrdersPerDay)
            {
                _flatten?.Invoke();
            }
        }
        else if (worst >= 0 && lines[worst].Status == LimitStatus.Critical)
        {
            _context.Transition(TradingStateTrigger.LimitCritical, lines[worst]);
        }

    }

    /// <summary>Fills <paramref name="snapshot"/> with the account and every measured limit's distance now.</summary>
    public void Snapshot(ref RiskSnapshot snapshot)
    {
        var account = _context.Account;
        var options = _context.Options;
        var states = options.States;
        snapshot.State = _context.State;
        snapshot.Equity = account.Equity;
        snapshot.RealizedPnl = account.RealizedPnl;
        snapshot.UnrealizedPnl = account.UnrealizedPnl;
        snapshot.Charges = account.Charges;
        snapshot.HighWaterMark = options.Loss.DrawdownIncludesUnrealized ? account.HighWaterMark : account.RealizedHighWaterMark;
        snapshot.OrdersToday = _context.Budget.Today;
        Span<LimitDistance> all = snapshot.Distances;
        int count = 0;
        long now = _context.NowNs;
        Line(all, ref count, RiskLimit.DailyLoss, _context.DailyLoss, _context.DailyLossLimit, states);
        Line(all, ref count, RiskLimit.MaxLoss, _context.TotalLoss, options.Loss.MaxLoss, states);
        Line(all, ref count, RiskLimit.TrailingDrawdown, _context.Drawdown, options.Loss.TrailingDrawdown, states);
        Line(all, ref count, RiskLimit.GrossExposure, account.GrossExposure(), options.Exposure.MaxGrossExposure, states);
        Line(all, ref count, RiskLimit.NetExposure, Math.Abs(account.NetExposure()), options.Exposure.MaxNetExposure, states);
        Line(all, ref count, RiskLimit.OpenPositions, account.OpenPositions(), options.Exposure.MaxOpenPositions, states);
        Line(all, ref count, RiskLimit.OrdersPerSecond, _context.Budget.InLastSecond(now), _context.Budget.PerSecondLimit, states);
        Line(all, ref count, RiskLimit.OrdersPerMinute, _context.Budget.InLastMinute(now), _context.Budget.PerMinuteLimit, states);
        Line(all, ref count, RiskLimit.OrdersPerDay, _context.Budget.Today, _context.Budget.PerDayLimit, states);
        Line(all, ref count, RiskLimit.ConsecutiveLosses, account.ConsecutiveLosses, options.Loss.MaxConsecutiveLosses, states);
        snapshot.Count = (byte)count;
    }

    private static void Line(Span<LimitDistance> into, ref int count, RiskLimit limit, long used, long max, TradingStateOptions states)
    {
        if (max <= 0)
        {
            return;
        }

        into[count++] = new LimitDistance { Limit = limit, Used = used, Max = max, Status = LimitDistance.StatusOf(used, max, states.CautionAt, states.CriticalAt) };
    }

    // Two buffers: the reader's copy is never the one being written.
    private void Publish(in RiskSnapshot snapshot)
    {
        int next = 1 - _publishedIndex;
        ReadOnlySpan<LimitDistance> distances = snapshot.Distances;
        distances[..snapshot.Count].CopyTo(_published[next]);
        Volatile.Write(ref _publishedCount, snapshot.Count);
        Volatile.Write(ref _publishedIndex, next);
    }
}
