namespace Engine.Ring;

/// <summary>The wait strategies a configuration can name.</summary>
public enum WaitStrategyKind
{
    /// <summary><see cref="BusySpinWaitStrategy"/>.</summary>
    BusySpin,

    /// <summary><see cref="YieldingWaitStrategy"/>.</summary>
    Yielding,

    /// <summary><see cref="SleepingWaitStrategy"/>.</summary>
    Sleeping,

    /// <summary><see cref="BlockingWaitStrategy"/>.</summary>
    Blocking,

    /// <summary><see cref="PhasedBackoffWaitStrategy"/>: spin, then yield, then park.</summary>
    Phased,
}
