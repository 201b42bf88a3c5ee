using YamlDotNet.RepresentationModel;

namespace Engine.Host.Configuration;

/// <summary>Problems found while reading one configuration file, each located by line and column.</summary>
internal sealed class ConfigurationProblems(string file)
{
    private readonly List<string> _items = [];
    private readonly HashSet<(long Line, long Column, string Path)> _reported = [];

    public string File { get; } = file;

    public IReadOnlyList<string> Items => _items;

    /// <summary>Adds a problem; only the first one found at a node is kept (a secret key is not also "unknown").</summary>
    public void Add(YamlNode? node, string path, string message)
    {
        if (node is not null && !_reported.Add((node.Start.Line, node.Start.Column, path)))
        {
            return;
        }

        string where = node is null ? File : $"{File}:{node.Start.Line}:{node.Start.Column}";
        _items.Add(path.Length == 0 ? $"{where}: {message}" : $"{where}: {path}: {message}");
    }

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new ConfigurationException(_items);
        }
    }
}
