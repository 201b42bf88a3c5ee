namespace Engine.Core.Risk;

/// <summary>What the risk gate decided about an intent.</summary>
public enum RiskVerdict : byte
{
    /// <summary>No decision (no intent).</summary>
    None = 0,

    /// <summary>Accepted as an order.</summary>
    Accepted = 1,

    /// <summary>Refused; the rule says why.</summary>
    Rejected = 2,

    /// <summary>Accepted with a smaller quantity.</summary>
    Resized = 3,
}
