namespace Engine.Host.Gateways;

/// <summary>A gateway's figures for the status line, the summary and the admin endpoint; written by its threads, read by anyone.</summary>
public sealed class GatewayCounters
{
    private long _submitted;
    private long _sent;
    private long _accepted;
    private long _rejected;
    private long _rateLimited;
    private long _unanswered;
    private long _lookups;
    private long _resent;
    private long _notSent;
    private long _overflowed;
    private long _updatesPolled;
    private long _keptWarm;

    /// <summary>Requests the router handed over.</summary>
    public long Submitted => Volatile.Read(ref _submitted);

    /// <summary>Requests sent to the broker (re-sends included).</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Requests the broker took.</summary>
    public long Accepted => Volatile.Read(ref _accepted);

    /// <summary>Requests the broker refused (not for the rate).</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Requests refused with HTTP 429 (never retried).</summary>
    public long RateLimited => Volatile.Read(ref _rateLimited);

    /// <summary>Requests without an answer (a timeout, a lost connection, a 5xx).</summary>
    public long Unanswered => Volatile.Read(ref _unanswered);

    /// <summary>Look-ups by tag after an unanswered place.</summary>
    public long Lookups => Volatile.Read(ref _lookups);

    /// <summary>Places sent again because the look-up found the order absent.</summary>
    public long Resent => Volatile.Read(ref _resent);

    /// <summary>Requests journaled but not sent because the engine was stopping.</summary>
    public long NotSent => Volatile.Read(ref _notSent);

    /// <summary>Requests that found the gateway's queue full and waited beyond it (the broker was slower than the orders); each still went out in its turn.</summary>
    public long Overflowed => Volatile.Read(ref _overflowed);

    /// <summary>Order changes the order-book poll found and brought in (what a dropped update would have said).</summary>
    public long UpdatesPolled => Volatile.Read(ref _updatesPolled);

    /// <summary>Reads sent only to keep the broker's connection open through a quiet spell.</summary>
    public long KeptWarm => Volatile.Read(ref _keptWarm);

    internal void OnSubmitted() => Interlocked.Increment(ref _submitted);

    internal void OnSent() => Interlocked.Increment(ref _sent);

    internal void OnAccepted() => Interlocked.Increment(ref _accepted);

    internal void OnRejected() => Interlocked.Increment(ref _rejected);

    internal void OnRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void OnUnanswered() => Interlocked.Increment(ref _unanswered);

    internal void OnLookup() => Interlocked.Increment(ref _lookups);

    internal void OnResent() => Interlocked.Increment(ref _resent);

    internal void OnNotSent() => Interlocked.Increment(ref _notSent);

    internal void OnOverflowed() => Interlocked.Increment(ref _overflowed);

    internal void OnUpdatePolled() => Interlocked.Increment(ref _updatesPolled);

    internal void OnKeptWarm() => Interlocked.Increment(ref _keptWarm);
}
