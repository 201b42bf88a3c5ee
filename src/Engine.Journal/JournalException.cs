namespace Engine.Journal;

/// <summary>The journal cannot be opened or written; the message says what, where, and what to do.</summary>
public sealed class JournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JournalException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
