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

    /// <summary>Closes every open ticker connection abruptly.</summary>
    public void DropConnections() => Interlocked.Increment(ref _dropGeneration);

    /// <summary>Every connection sends one malformed binary frame next.</summary>
    public void SendMalformedFrame() => Interlocked.Increment(ref _malformedGeneration);

    /// <summary>No frames at all, not even heartbeats, for <paramref name="duration"/>.</summary>
    public void GoSilent(TimeSpan duration) => Volatile.Write(ref _silentUntilTicks, Environment.TickCount64 + (long)duration.TotalMilliseconds);

    /// <summary>Refuses the next <paramref name="count"/> handshakes with HTTP 403, as Kite does for a bad token.</summary>
    public void RejectNextHandshakes(int count = 1) => Interlocked.Add(ref _rejectHandshakes, count);

    internal long DropGeneration => Volatile.Read(ref _dropGeneration);

    internal long MalformedGeneration => Volatile.Read(ref _malformedGeneration);

    internal bool IsSilent => Environment.TickCount64 < Volatile.Read(ref _silentUntilTicks);

    internal bool TakeHandshakeRejection()
    {
        while (true)
        {
            int current = Volatile.Read(ref _rejectHandshakes);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _rejectHandshakes, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
