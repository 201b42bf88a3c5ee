namespace Engine.Core.Events;

/// <summary>The session timers that enter the ring as inputs.</summary>
public enum TimerKind : ushort
{
    /// <summary>Not a timer.</summary>
    None = 0,

    /// <summary>Pre-open order entry starts (09:00 IST).</summary>
    PreOpen = 1,

    /// <summary>The normal market opens (09:15 IST).</summary>
    Open = 2,

    /// <summary>Intraday positions are squared off: no new entries, exits only.</summary>
    SquareOff = 3,

    /// <summary>The normal market closes (15:30 IST).</summary>
    Close = 4,

    /// <summary>No trading today (a holiday or a weekend), or after the close.</summary>
    Closed = 5,
}
