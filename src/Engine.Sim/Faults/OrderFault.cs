namespace Engine.Sim.Faults;

/// <summary>What happens to one order request at the simulator's exchange.</summary>
public enum OrderFault
{
    /// <summary>Processed and answered at once.</summary>
    None,

    /// <summary>Processed at once, answered late.</summary>
    SlowAck,

    /// <summary>Processed, never answered (the connection is dropped).</summary>
    LoseAck,

    /// <summary>Answered HTTP 503 without being processed.</summary>
    FailBefore,

    /// <summary>Processed, then answered HTTP 503 (the order exists although the answer says otherwise).</summary>
    FailAfter,
}
