using Engine.Host.Running;
using Prometheus;

namespace Engine.Host.Admin;

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format (prometheus-net): each scrape reads the same
/// status the status line shows, the counters the stages keep for any thread to read, and never
/// touches the hot path. Its own registry, so two engines in one process never share figures.
/// </summary>
public sealed class EngineMetrics
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Func<EngineStatus> _status;
    private readonly Counter _ticksReceived;
    private readonly Counter _ticksProcessed;
    private readonly Counter _decodeErrors;
    private readonly Counter _reconnects;
    private readonly Counter _signals;
    private readonly Counter _journalBytes;
    private readonly Counter _journalRecords;
    private readonly Counter _rejections;
    private readonly Gauge _ticksPerSecond;
    private readonly Gauge _ringLag;
    private readonly Gauge _connections;
    private readonly Gauge _orders;
    private readonly Gauge _killSwitch;
    private readonly Gauge _tradingState;
    private readonly Gauge _feedStale;
    private readonly Gauge _pnl;
    private readonly Gauge _limitUsed;
    private readonly Gauge _limitMax;
    private readonly Gauge _limitRemainingRatio;
    private readonly Gauge _limitStatus;

    /// <summary>Creates the metrics over <paramref name="status"/>.</summary>
    public EngineMetrics(Func<EngineStatus> status)
    {
        _status = status;
        var f = Metrics.WithCustomRegistry(_registry);
        _ticksReceived = f.CreateCounter("engine_ticks_received_total", "Ticks decoded from the ticker.");
        _ticksProcessed = f.CreateCounter("engine_ticks_processed_total", "Ticks the strategies have seen.");
        _decodeErrors = f.CreateCounter("engine_decode_errors_total", "Damaged frames and unknown packets.");
        _reconnects = f.CreateCounter("engine_ticker_reconnects_total", "Ticker reconnects.");
        _signals = f.CreateCounter("engine_signal_intents_total", "Signal intents the strategies produced.");
        _journalBytes = f.CreateCounter("engine_journal_bytes_total", "Journal bytes written by this run.");
        _journalRecords = f.CreateCounter("engine_journal_records_total", "Journal records written by this run.");
        _rejections = f.CreateCounter("engine_risk_rejections_total", "Intents the risk gate denied, by rule.", "rule");
        _ticksPerSecond = f.CreateGauge("engine_ticks_per_second", "Ticks per second over the last status interval.");
        _ringLag = f.CreateGauge("engine_ring_lag_events", "Events the slowest stage is behind the producers.");
        _connections = f.CreateGauge("engine_ticker_connections", "Ticker connections open.");
        _orders = f.CreateGauge("engine_orders", "Orders by state.", "state");
        _killSwitch = f.CreateGauge("engine_kill_switch", "1 while the kill switch is engaged.");
        _tradingState = f.CreateGauge("engine_trading_state", "1 active, 2 reducing-only, 3 halted.");
        _feedStale = f.CreateGauge("engine_feed_stale", "1 while the feed watchdog finds no tick in market hours.");
        _pnl = f.CreateGauge("engine_pnl_rupees", "P&L and charges, rupees.", "kind");
        _limitUsed = f.CreateGauge("engine_risk_limit_used", "What is used of each limit (rupees, or a count).", "limit");
        _limitMax = f.CreateGauge("engine_risk_limit_max", "Each limit (rupees, or a count).", "limit");
        _limitRemainingRatio = f.CreateGauge("engine_risk_limit_remaining_ratio", "What is left of each limit, 0 to 1.", "limit");
        _limitStatus = f.CreateGauge("engine_risk_limit_status", "1 safe, 2 caution, 3 critical, 4 violated.", "limit");
    }

    /// <summary>Writes every metric as of now to <paramref name="output"/>.</summary>
    public async Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        Update(_status());
        await _registry.CollectAndExportAsTextAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private void Update(EngineStatus s)
    {
        _ticksReceived.IncTo(s.TicksReceived);
        _ticksProcessed.IncTo(s.TicksProcessed);
        _decodeErrors.IncTo(s.DecodeErrors);
        _reconnects.IncTo(s.Reconnects);
        _signals.IncTo(s.Signals);
        _journalBytes.IncTo(s.JournalBytes);
        _journalRecords.IncTo(s.JournalRecords);
        _ticksPerSecond.Set(s.TicksPerSecond);
        _ringLag.Set(s.RingLag);
        _connections.Set(s.Connections);
        _orders.WithLabels("open").Set(s.OrdersOpen);
        _orders.WithLabels("filled").Set(s.OrdersFilled);
        _orders.WithLabels("rejected").Set(s.OrdersRejected);
        _orders.WithLabels("sent").Set(s.Orders);
        _killSwitch.Set(s.KillSwitch ? 1 : 0);
        if (s.Risk is not { } risk)
        {
            return;
        }

        _tradingState.Set(risk.TradingState switch { "halted" => 3, "reducing" => 2, _ => 1 });
        _feedStale.Set(risk.FeedStale ? 1 : 0);
        _pnl.WithLabels("net").Set((double)risk.NetPnl);
        _pnl.WithLabels("gross").Set((double)risk.GrossPnl);
        _pnl.WithLabels("realized").Set((double)risk.RealizedPnl);
        _pnl.WithLabels("unrealized").Set((double)risk.UnrealizedPnl);
        _pnl.WithLabels("charges").Set((double)risk.Charges);
        foreach (var (rule, count) in risk.Rejections)
        {
            _rejections.WithLabels(rule).IncTo(count);
        }

        foreach (var limit in risk.Limits)
        {
            _limitUsed.WithLabels(limit.Limit).Set((double)limit.Used);
            _limitMax.WithLabels(limit.Limit).Set((double)limit.Max);
            _limitRemainingRatio.WithLabels(limit.Limit).Set(limit.RemainingPercent / 100);
            _limitStatus.WithLabels(limit.Limit).Set(limit.Status switch { "violated" => 4, "critical" => 3, "caution" => 2, _ => 1 });
        }
    }
}
