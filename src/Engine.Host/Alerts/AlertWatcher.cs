using Engine.Host.Running;

namespace Engine.Host.Alerts;

/// <summary>
/// Turns successive status readings into alerts when something changes for the worse: the kill
/// switch engaged, trading halted, a limit reaching critical or its line, a stale feed, the
/// ticker disconnected for longer than allowed. It reads the status the status line shows, on the
/// status loop's thread, never a ring thread.
/// </summary>
public sealed class AlertWatcher(Action<Alert> raise, TimeSpan disconnectedFor)
{
    private readonly HashSet<string> _criticalLimits = [];
    private bool _killSwitch;
    private string _state = "active";
    private bool _feedStale;
    private TimeSpan? _disconnectedSince;
    private bool _disconnectedRaised;

    /// <summary>Looks at one reading, taken <paramref name="uptime"/> into the run.</summary>
    public void Observe(EngineStatus status, TimeSpan uptime)
    {
        ArgumentNullException.ThrowIfNull(status);
        var now = DateTimeOffset.UtcNow;
        if (status.KillSwitch && !_killSwitch)
        {
            raise(new Alert("kill_switch", "Kill switch engaged: no new order passes until resume.", now));
        }

        _killSwitch = status.KillSwitch;
        if (status.Risk is { } risk)
        {
            if (risk.TradingState == "halted" && _state != "halted")
            {
                var line = risk.Limits.Where(l => l.Status == "violated").Select(l => l.Limit).FirstOrDefault();
                raise(new Alert("halted", $"Trading HALTED{(line is null ? " by the operator" : $": {line} reached")}; net P&L {RiskStatus.Money(risk.NetPnl)}.", now));
            }

            _state = risk.TradingState;
            foreach (var limit in risk.Limits)
            {
                bool bad = limit.Status is "critical" or "violated";
                if (bad && _criticalLimits.Add(limit.Limit))
                {
                    raise(new Alert("limit_critical", $"Risk limit {limit.Limit} is {limit.Status}: {limit.RemainingPercent:0}% left ({limit.Used} of {limit.Max}).", now));
                }
                else if (!bad)
                {
                    _criticalLimits.Remove(limit.Limit);
                }
            }

            if (risk.FeedStale && !_feedStale)
            {
                raise(new Alert("feed_stale", "The feed is stale: no tick during market hours; the ticker is reconnecting.", now));
            }

            _feedStale = risk.FeedStale;
        }

        if (status.Connections == 0)
        {
            _disconnectedSince ??= uptime;
            if (!_disconnectedRaised && uptime - _disconnectedSince >= disconnectedFor)
            {
                _disconnectedRaised = true;
                raise(new Alert("disconnected", $"The ticker has been disconnected for {(uptime - _disconnectedSince.Value).TotalSeconds:0} s.", now));
            }
        }
        else
        {
            _disconnectedSince = null;
            _disconnectedRaised = false;
        }
    }
}
