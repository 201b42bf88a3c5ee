namespace Engine.Ring;

/// <summary>
/// Thrown out of a wait when its barrier is alerted (shutdown or halt). One shared instance: it is
/// a signal, not an error, and must not allocate.
/// </summary>
#pragma warning disable CA1032, CA1064 // a preallocated control-flow signal, never constructed by users
public sealed class AlertException : Exception
#pragma warning restore CA1032, CA1064
{
    /// <summary>The single instance.</summary>
    public static readonly AlertException Instance = new();

    private AlertException()
        : base("The sequence barrier was alerted (the consumer is halting).")
    {
    }
}
