namespace Engine.Core.Orders;

/// <summary>Kite's order statuses. Unknown statuses are kept as <see cref="Unknown"/> and treated as not terminal.</summary>
public enum OrderStatus : byte
{
    /// <summary>A status this engine does not know.</summary>
    Unknown = 0,

    /// <summary>PUT ORDER REQ RECEIVED.</summary>
    PutOrderRequestReceived,

    /// <summary>AMO REQ RECEIVED.</summary>
    AmoRequestReceived,

    /// <summary>VALIDATION PENDING.</summary>
    ValidationPending,

    /// <summary>OPEN PENDING.</summary>
    OpenPending,

    /// <summary>OPEN.</summary>
    Open,

    /// <summary>TRIGGER PENDING.</summary>
    TriggerPending,

    /// <summary>MODIFY VALIDATION PENDING.</summary>
    ModifyValidationPending,

    /// <summary>MODIFY PENDING.</summary>
    ModifyPending,

    /// <summary>MODIFIED.</summary>
    Modified,

    /// <summary>CANCEL PENDING.</summary>
    CancelPending,

    /// <summary>COMPLETE: fully filled (terminal).</summary>
    Complete,

    /// <summary>CANCELLED, possibly partly filled (terminal).</summary>
    Cancelled,

    /// <summary>REJECTED (terminal).</summary>
    Rejected,

    /// <summary>UPDATE: a postback for a partial fill or modification.</summary>
    Update,
}
