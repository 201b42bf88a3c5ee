namespace Engine.Host.Configuration;

/// <summary>The configuration cannot be used: every problem found, each naming the file and line, the key, the value and what is allowed.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ConfigurationException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : $"{problems.Count} problems in the configuration:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public ConfigurationException(string problem)
        : this([problem])
    {
    }

    /// <summary>Creates an empty exception (use the other constructors).</summary>
    public ConfigurationException()
        : this("invalid configuration")
    {
    }

    /// <summary>Creates the exception for one problem with its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, one line each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
