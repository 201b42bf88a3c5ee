namespace Engine.Kite.Ticker;

/// <summary>
/// Exponential reconnect delays with jitter: about <c>initial</c>, then doubling up to <c>max</c>,
/// each scaled by a random factor in [0.5, 1] so that several connections (or several engines)
/// dropped at once do not reconnect in lockstep.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, int? seed = null)
{
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();

    /// <summary>Failed attempts since the last connection that delivered data.</summary>
    public int Attempt { get; private set; }

    /// <summary>The delay before the next attempt; counts the attempt.</summary>
    public TimeSpan Next()
    {
        double ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(Attempt, 30)));
        Attempt++;
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * _random.NextDouble())));
    }

    /// <summary>Starts over after a connection proved healthy.</summary>
    public void Reset() => Attempt = 0;
}
