namespace Engine.Sim.Faults;

/// <summary>
/// Misbehaviour on demand, for testing what a client does when the broker misbehaves: drop
/// connections, send a malformed frame, go silent, refuse the next handshake.
/// </summary>
public sealed class SimulatorFaults
{
    private long _dropGeneration;
    private long _malformedGeneration;
    private long _silentUntilTicks;
    private int _rejectHandshakes;
    private int _slowAcks;
    private long _slowAckMilliseconds;
    private int _lostAcks;
    private int _failBefore;
    private int _failAfter;
    private int _droppedUpdates;
    private OrderChaos? _chaos;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _blocked = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuse every new order for <paramref name="tradingSymbol"/> as the broker's risk system does for a blocked script, until unblocked.</summary>
    public void BlockOrders(string tradingSymbol) => _blocked[tradingSymbol] = true;

    /// <summary>Accept orders for <paramref name="tradingSymbol"/> again.</summary>
    public void UnblockOrders(string tradingSymbol) => _blocked.TryRemove(tradingSymbol, out _);

    /// <summary>True while new orders for <paramref name="tradingSymbol"/> are refused.</summary>
    public bool Blocks(string? tradingSymbol) => tradingSymbol is not null && _blocked.ContainsKey(tradingSymbol);

    /// <summary>Closes every open ticker connection abruptly.</summary>
    public void DropConnections() => Interlocked.Increment(ref _dropGeneration);

    /// <summary>Every connection sends one malformed binary frame next.</summary>
    public void SendMalformedFrame() => Interlocked.Increment(ref _malformedGeneration);

    /// <summary>No frames at all, not even heartbeats, for <paramref name="duration"/>.</summary>
    public void GoSilent(TimeSpan duration) => Volatile.Write(ref _silentUntilTicks, Environment.TickCount64 + (long)duration.TotalMilliseconds);

    /// <summary>Refuses the next <paramref name="count"/> handshakes with HTTP 403, as Kite does for a bad token.</summary>
    public void RejectNextHandshakes(int count = 1) => Interlocked.Add(ref _rejectHandshakes, count);

    /// <summary>The next <paramref name="count"/> order requests are processed at once but answered only after <paramref name="delay"/> (a slow acknowledgement).</summary>
    public void SlowOrderAcks(TimeSpan delay, int count = 1)
    {
        Volatile.Write(ref _slowAckMilliseconds, (long)delay.TotalMilliseconds);
        Interlocked.Add(ref _slowAcks, count);
    }

    /// <summary>The next <paramref name="count"/> order requests are processed, and then their connection is dropped without an answer (a lost acknowledgement).</summary>
    public void LoseOrderAcks(int count = 1) => Interlocked.Add(ref _lostAcks, count);

    /// <summary>The next <paramref name="count"/> order requests get HTTP 503; with <paramref name="afterProcessing"/>, only after the order was placed (so it exists).</summary>
    public void FailOrderRequests(int count = 1, bool afterProcessing = false) => Interlocked.Add(ref afterProcessing ? ref _failAfter : ref _failBefore, count);

    /// <summary>The next <paramref name="count"/> order updates are not sent on the ticker.</summary>
    public void DropOrderUpdates(int count = 1) => Interlocked.Add(ref _droppedUpdates, count);

    /// <summary>From now on, every order request and update meets a fault by chance (null stops it).</summary>
    public void Chaos(OrderChaos? chaos) => Volatile.Write(ref _chaos, chaos);

    /// <summary>The fault the next order request meets.</summary>
    internal OrderFault TakeOrderFault(out TimeSpan delay)
    {
        delay = TimeSpan.FromMilliseconds(Volatile.Read(ref _slowAckMilliseconds));
        if (Take(ref _failBefore))
        {
            return OrderFault.FailBefore;
        }

        if (Take(ref _failAfter))
        {
            return OrderFault.FailAfter;
        }

        if (Take(ref _lostAcks))
        {
            return OrderFault.LoseAck;
        }

        if (Take(ref _slowAcks))
        {
            return OrderFault.SlowAck;
        }

        return Volatile.Read(ref _chaos)?.NextRequest(out delay) ?? OrderFault.None;
    }

    /// <summary>True when the next order update is to be dropped.</summary>
    internal bool TakeDroppedUpdate() => Take(ref _droppedUpdates) || (Volatile.Read(ref _chaos)?.DropUpdate() ?? false);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            int current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    internal long DropGeneration => Volatile.Read(ref _dropGeneration);

    internal long MalformedGeneration => Volatile.Read(ref _malformedGeneration);

    internal bool IsSilent => Environment.TickCount64 < Volatile.Read(ref _silentUntilTicks);

    internal bool TakeHandshakeRejection() => Take(ref _rejectHandshakes);
}
