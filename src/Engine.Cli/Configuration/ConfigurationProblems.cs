using YamlDotNet.RepresentationModel;

namespace Engine.Cli.Configuration;

/// <summary>Problems found while reading one configuration file, each located by line and column.</summary>
internal sealed class ConfigurationProblems(string file)
{
    private readonly List<string> _items = [];

    public string File { get; } = file;

    public IReadOnlyList<string> Items => _items;

    public void Add(YamlNode? node, string path, string message)
    {
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
