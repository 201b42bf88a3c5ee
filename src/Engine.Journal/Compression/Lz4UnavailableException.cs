namespace Engine.Journal.Compression;

/// <summary>The system LZ4 library could not be loaded; the message names the package to install.</summary>
public sealed class Lz4UnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Lz4UnavailableException()
        : this("The LZ4 library (liblz4.so.1) is not installed; journal segments cannot be sealed or read. Install it with: sudo apt-get install liblz4-1")
    {
    }

    /// <summary>Creates the exception.</summary>
    public Lz4UnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Lz4UnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
