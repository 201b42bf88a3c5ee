using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Engine.Host.Configuration;

/// <summary>
/// Reads one YAML mapping of the configuration: typed values with defaults, each checked against
/// what is allowed, and every key it was not asked about reported as unknown. Problems are
/// collected, not thrown, so one start-up attempt reports them all.
/// </summary>
internal sealed class YamlSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly YamlMappingNode? _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlSection(YamlMappingNode? node, string path, ConfigurationProblems problems)
    {
        _node = node;
        Path = path;
        Problems = problems;
    }

    public string Path { get; }

    public ConfigurationProblems Problems { get; }

    public YamlMappingNode? Mapping => _node;

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value node under <paramref name="key"/>, or null when absent or written as null/~.</summary>
    public YamlNode? Node(string key)
    {
        _known.Add(key);
        if (_node is null)
        {
            return null;
        }

        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted, Value: "" or "~" or "null" } ? null : v;
            }
        }

        return null;
    }

    public string? Text(string key, string? defaultValue = null)
    {
        var node = Node(key);
        if (node is null)
        {
            return defaultValue;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Problems.Add(node, KeyPath(key), "expected a single value, not a list or a mapping");
        return defaultValue;
    }

    public long Integer(string key, long defaultValue, long min, long max, string? unit = null)
    {
        string? text = Text(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, Inv, out long value) && value >= min && value <= max)
        {
            return value;
        }

        Problems.Add(Node(key), KeyPath(key), $"'{text}' is not allowed; use a whole number from {min.ToString("N0", Inv)} to {max.ToString("N0", Inv)}{(unit is null ? "" : " " + unit)}");
        return defaultValue;
    }

    public double Number(string key, double defaultValue, double min, double max, string? unit = null)
    {
        string? text = Text(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (double.TryParse(text, NumberStyles.Float, Inv, out double value) && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        Problems.Add(Node(key), KeyPath(key), $"'{text}' is not allowed; use a number from {min.ToString(Inv)} to {max.ToString(Inv)}{(unit is null ? "" : " " + unit)}");
        return defaultValue;
    }

    public T Choice<T>(string key, T defaultValue, IReadOnlyDictionary<string, T> allowed)
    {
        string? text = Text(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (allowed.TryGetValue(text.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        Problems.Add(Node(key), KeyPath(key), $"'{text}' is not allowed; use one of: {string.Join(", ", allowed.Keys)}");
        return defaultValue;
    }

    public TimeOnly Time(string key, TimeOnly defaultValue)
    {
        string? text = Text(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "HH:mm:ss"], Inv, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Problems.Add(Node(key), KeyPath(key), $"'{text}' is not allowed; use a time of day as HH:mm (24-hour, IST), e.g. \"09:15\"");
        return defaultValue;
    }

    public bool Flag(string key, bool defaultValue)
    {
        string? text = Text(key);
        if (text is null)
        {
            return defaultValue;
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Problems.Add(Node(key), KeyPath(key), $"'{text}' is not allowed; use true or false");
                return defaultValue;
        }
    }

    public TimeSpan Duration(string key, TimeSpan defaultValue)
    {
        string? text = Text(key);
        if (text is null)
        {
            return defaultValue;
        }

        try
        {
            return DurationText.Parse(text, KeyPath(key));
        }
        catch (FormatException)
        {
            Problems.Add(Node(key), KeyPath(key), $"'{text}' is not allowed; use a duration such as 90s, 15m or 1h");
            return defaultValue;
        }
    }

    /// <summary>The keys of this mapping, in file order (each then read with its own accessor).</summary>
    public IReadOnlyList<string> Keys() => _node is null ? [] : [.. _node.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? k.ToString())];

    /// <summary>A list of values: a YAML sequence of scalars, or one scalar.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> List(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return [(scalar.Value ?? "", scalar)];
            case YamlSequenceNode sequence:
                var items = new List<(string, YamlNode)>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode s)
                    {
                        items.Add((s.Value ?? "", s));
                    }
                    else
                    {
                        Problems.Add(item, KeyPath(key), "expected a list of single values");
                    }
                }

                return items;
            default:
                Problems.Add(node, KeyPath(key), "expected a list, not a mapping");
                return [];
        }
    }

    public YamlSection Section(string key)
    {
        var node = Node(key);
        if (node is null or YamlMappingNode)
        {
            return new YamlSection(node as YamlMappingNode, KeyPath(key), Problems);
        }

        Problems.Add(node, KeyPath(key), "expected a mapping (key: value lines indented under it)");
        return new YamlSection(null, KeyPath(key), Problems);
    }

    /// <summary>Reports every key nobody asked about, naming the keys that are allowed here.</summary>
    public void RejectUnknownKeys()
    {
        if (_node is null)
        {
            return;
        }

        foreach (var (k, _) in _node.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? k.ToString();
            if (!_known.Contains(name))
            {
                Problems.Add(k, KeyPath(name), $"unknown key; allowed here: {string.Join(", ", _known)}");
            }
        }
    }
}
