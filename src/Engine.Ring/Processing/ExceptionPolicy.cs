namespace Engine.Ring;

/// <summary>The policy a pipeline applies when a handler throws on an event.</summary>
public enum ExceptionPolicy
{
    /// <summary>Log the event and the exception, count it, and go on with the next event.</summary>
    LogAndContinue,

    /// <summary>Log the event and the exception, then halt the consumer and report it faulted.</summary>
    Halt,
}
