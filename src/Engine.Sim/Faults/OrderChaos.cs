namespace Engine.Sim.Faults;

/// <summary>
/// Faults by chance, for tests that must hold under any mix of them: each order request is slow,
/// unanswered or failed with the given probabilities, and each order update may be dropped. Seeded,
/// so a failing case can be run again.
/// </summary>
public sealed class OrderChaos(int seed, double slowAck, double loseAck, double failBefore, double failAfter, double dropUpdate, TimeSpan slowAckDelay)
{
    private readonly Random _random = new(seed);

    /// <summary>
    /// The drill mix of <c>engine sim --order-chaos SEED</c>: of every order request 10% answered
    /// 1.5 s late, 10% never answered, 10% refused with 503 and 10% placed and then answered 503; 20%
    /// of order updates dropped.
    /// </summary>
    public static OrderChaos Standard(int seed) =>
        new(seed, slowAck: 0.1, loseAck: 0.1, failBefore: 0.1, failAfter: 0.1, dropUpdate: 0.2, slowAckDelay: TimeSpan.FromMilliseconds(1500));

    /// <summary>The seed, to run a failing case again.</summary>
    public int Seed => seed;
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
