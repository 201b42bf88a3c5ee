namespace Engine.Core.Risk;

/// <summary>How close a limit is: by the share of it used, against the configured thresholds.</summary>
public enum LimitStatus : byte
{
    /// <summary>Not measured (the limit is off).</summary>
    Off = 0,

    /// <summary>Below the caution threshold.</summary>
    Safe = 1,

    /// <summary>At or above the caution threshold.</summary>
    Caution = 2,

    /// <summary>At or above the critical threshold.</summary>
    Critical = 3,

    /// <summary>Reached.</summary>
    Violated = 4,
}
