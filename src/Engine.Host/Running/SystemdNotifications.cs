using Microsoft.Extensions.Hosting.Systemd;

namespace Engine.Host.Running;

/// <summary>
/// What the engine tells systemd when it runs as a <c>Type=notify</c> service (NOTIFY_SOCKET set):
/// READY once the ticker is connected, WATCHDOG pings while the pipeline keeps up, STOPPING when
/// the drain begins, and a STATUS line. Without NOTIFY_SOCKET it does nothing.
/// </summary>
public sealed class SystemdNotifications : IDisposable
{
    private readonly SystemdNotifier _notifier = new();
    private Timer? _watchdog;
    private bool _ready;
    private bool _stopping;

    /// <summary>True when systemd asked for notifications.</summary>
    public bool Enabled => _notifier.IsEnabled;

    /// <summary>How often systemd expects a ping (WATCHDOG_USEC), if it does.</summary>
    public static TimeSpan? WatchdogInterval =>
        long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out long usec) && usec > 0 ? TimeSpan.FromMicroseconds(usec) : null;

    /// <summary>Says READY (once) with <paramref name="status"/>.</summary>
    public void Ready(string status)
    {
        if (!Enabled || _ready)
        {
            return;
        }

        _ready = true;
        _notifier.Notify(new ServiceState($"READY=1\nSTATUS={status}"));
    }

    /// <summary>Updates the STATUS line systemctl shows.</summary>
    public void Status(string status)
    {
        if (Enabled)
        {
            _notifier.Notify(new ServiceState($"STATUS={status}"));
        }
    }

    // Pings WATCHDOG at half systemd's interval for as long as the pipeline keeps up; when it does
    // not, the pings stop and systemd restarts the service.
    private void StartWatchdog(Func<bool> alive)
    {
        if (!Enabled || WatchdogInterval is not { } interval)
        {
            return;
        }

        var every = interval / 2;
        _watchdog = new Timer(_ =>
        {
            if (alive())
            {
                _notifier.Notify(new ServiceState("WATCHDOG=1"));
            }
        }, null, TimeSpan.Zero, every);
    }

    /// <summary>Starts the WATCHDOG pings (the first call only), for as long as <paramref name="alive"/> says the pipeline keeps up.</summary>
    public void StartWatchdogOnce(Func<bool> alive)
    {
        if (_watchdog is null && !_stopping)
        {
            StartWatchdog(alive);
        }
    }

    /// <summary>Says STOPPING: the drain has begun.</summary>
    public void Stopping()
    {
        _stopping = true;
        _watchdog?.Dispose();
        _watchdog = null;
        if (Enabled)
        {
            _notifier.Notify(ServiceState.Stopping);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _watchdog?.Dispose();
}
