using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Engine.Host.Configuration;

/// <summary>Opens a YAML file whose top level is a mapping, reporting a missing file or bad syntax with its location.</summary>
internal static class YamlFile
{
    public static YamlMappingNode? LoadMapping(string path, ConfigurationProblems problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(null, "", Directory.Exists(path) ? "is a folder; expected a YAML file" : "file does not exist");
            problems.ThrowIfAny();
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            problems.Add(null, "", $"line {ex.Start.Line}, column {ex.Start.Column}: not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
            problems.ThrowIfAny();
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents[0].RootNode is YamlMappingNode mapping)
        {
            return mapping;
        }

        if (stream.Documents[0].RootNode is YamlScalarNode { Value: "" or null })
        {
            return null;
        }

        problems.Add(stream.Documents[0].RootNode, "", "expected a mapping of keys at the top level");
        problems.ThrowIfAny();
        return null;
    }
}
