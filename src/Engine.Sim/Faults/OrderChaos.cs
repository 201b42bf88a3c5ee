namespace Engine.Sim.Faults;

/// <summary>
/// Faults by chance, for tests that must hold under any mix of them: each order request is slow,
/// unanswered or failed with the given probabilities, and each order update may be dropped. Seeded,
/// so a failing case can be run again.
/// </summary>
public sealed class OrderChaos(int seed, double slowAck, double loseAck, double failBefore, double failAfter, double dropUpdate, TimeSpan slowAckDelay)
{
    private readonly Random _random = new(seed);
    private readonly object _lock = new();

    internal OrderFault NextRequest(out TimeSpan delay)
    {
        delay = slowAckDelay;
        double roll;
        lock (_lock)
        {
            roll = _random.NextDouble();
        }

        if ((roll -= slowAck) < 0)
        {
            return OrderFault.SlowAck;
        }

        if ((roll -= loseAck) < 0)
        {
            return OrderFault.LoseAck;
        }

        if ((roll -= failBefore) < 0)
        {
            return OrderFault.FailBefore;
        }

        return roll - failAfter < 0 ? OrderFault.FailAfter : OrderFault.None;
    }

    internal bool DropUpdate()
    {
        lock (_lock)
        {
            return _random.NextDouble() < dropUpdate;
        }
    }
}
