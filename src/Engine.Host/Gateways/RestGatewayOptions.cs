namespace Engine.Host.Gateways;

/// <summary>How the REST gateway sends orders and makes sure of their fate.</summary>
public sealed record RestGatewayOptions
{
    /// <summary>Requests in flight at once (each order's own requests still go one after another).</summary>
    public int MaxConcurrentRequests { get; init; } = 4;

    /// <summary>Sends of one place at most, when look-ups keep finding it absent.</summary>
    public int MaxPlaceAttempts { get; init; } = 3;

    /// <summary>The wait after an unanswered place before looking it up, so a request still on its way is not taken for a lost one.</summary>
    public TimeSpan LookupDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Look-ups of the order book (each retried with backoff) that must all find the order absent before it is sent again.</summary>
    public int AbsentLookups { get; init; } = 2;

    /// <summary>How often the order book is read while orders are open, to bring in what a dropped update would have said.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At a stop, how long the order book is still read for orders of this run that are open at the broker, so fills made after the ticker closed are journaled (a resting limit order may outlast it; the next run's reconciliation picks it up).</summary>
    public TimeSpan SettleAtStop { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>At a stop, the pause between reads of the order book while orders settle.</summary>
    public TimeSpan SettlePollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// At start, run the place, modify and cancel paths and a read of the order book once against
    /// answers made in-process (nothing reaches the broker, nothing enters the engine's ring), so
    /// the first order of the day does not pay for compiling them.
    /// </summary>
    public bool RehearseAtStart { get; init; } = true;

    /// <summary>
    /// With no order open, after this long without a request the gateway reads the profile (the
    /// lightest authenticated request), so the first order after a quiet spell finds its connection
    /// open: the pool closes a connection idle for 2 minutes, and a server or proxy may close one
    /// sooner. Zero turns it off.
    /// </summary>
    public TimeSpan KeepWarmAfter { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Requests the router may queue before the gateway falls behind (beyond it they still queue, allocating).</summary>
    public int QueueCapacity { get; init; } = 4096;
}
