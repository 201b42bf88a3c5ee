namespace Engine.Core.Events;

/// <summary>Operator commands, which enter the ring as inputs so a replay sees them at the same point.</summary>
public enum CommandKind : ushort
{
    /// <summary>Not a command.</summary>
    None = 0,

    /// <summary>Reject every new intent until resumed.</summary>
    KillSwitch = 1,

    /// <summary>Lift the kill switch.</summary>
    Resume = 2,

    /// <summary>Cancel every open order and close every position; no intent passes until resume.</summary>
    Flatten = 3,
}
