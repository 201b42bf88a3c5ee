namespace Engine.Core.Strategies;

/// <summary>A strategy cannot be created as configured: unknown name or version, bad parameter, or a broken assembly. The message says which.</summary>
public sealed class StrategyConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StrategyConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StrategyConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StrategyConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
