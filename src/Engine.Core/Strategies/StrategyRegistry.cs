using System.Reflection;
using System.Runtime.Loader;

namespace Engine.Core.Strategies;

/// <summary>
/// Resolves strategies by name and version: the built-in ones, and custom ones loaded at start-up
/// from an assembly (its own load context, sharing this engine's types). A strategy class derives
/// from <see cref="Strategy"/>, carries <see cref="StrategyAttribute"/>, and has one public
/// constructor taking nothing or its parameters object.
/// </summary>
public sealed class StrategyRegistry
{
    private readonly List<StrategyDescriptor> _strategies = [];

    /// <summary>Every strategy that can be created.</summary>
    public IReadOnlyList<StrategyDescriptor> Available => _strategies;

    /// <summary>A registry holding the built-in strategies.</summary>
    public static StrategyRegistry CreateWithBuiltins()
    {
        var registry = new StrategyRegistry();
        foreach (var type in typeof(Strategy).Assembly.GetTypes().Where(t => t.GetCustomAttribute<StrategyAttribute>() is not null))
        {
            registry.Register(type, "built in");
        }

        return registry;
    }

    /// <summary>Registers a strategy class.</summary>
    public void Register(Type type, string source = "registered")
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<StrategyAttribute>()
            ?? throw new StrategyConfigurationException($"{type.FullName} has no [Strategy(name, version)] attribute.");
        if (!typeof(Strategy).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new StrategyConfigurationException($"{type.FullName} ({source}) is marked [Strategy(\"{attribute.Name}\")] but is not a concrete class deriving from {typeof(Strategy).FullName}.");
        }

        var constructors = type.GetConstructors();
        if (constructors.Length != 1 || constructors[0].GetParameters().Length > 1)
        {
            throw new StrategyConfigurationException($"{type.FullName} ({source}) must have exactly one public constructor, taking nothing or its parameters object.");
        }

        var parameters = constructors[0].GetParameters();
        if (_strategies.Any(s => s.Name == attribute.Name && s.Version == attribute.Version))
        {
            throw new StrategyConfigurationException($"Strategy '{attribute.Name}' version {attribute.Version} from {source} is already registered.");
        }

        _strategies.Add(new StrategyDescriptor(attribute.Name, attribute.Version, type, parameters.Length == 1 ? parameters[0].ParameterType : null, source));
    }

    /// <summary>Loads every strategy in the assembly at <paramref name="path"/>.</summary>
    public IReadOnlyList<StrategyDescriptor> LoadAssembly(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new StrategyConfigurationException($"Strategy assembly '{path}' does not exist.");
        }

        Assembly assembly;
        try
        {
            assembly = new StrategyLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException ex)
        {
            throw new StrategyConfigurationException($"Strategy assembly '{path}' is not a .NET assembly.", ex);
        }
        catch (FileLoadException ex)
        {
            throw new StrategyConfigurationException($"Strategy assembly '{path}' cannot be loaded: {ex.Message}", ex);
        }

        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            string missing = string.Join("; ", ex.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct().Take(3));
            throw new StrategyConfigurationException($"Strategy assembly '{path}' references something this engine does not have: {missing}", ex);
        }

        var added = new List<StrategyDescriptor>();
        foreach (var type in types.Where(t => t.GetCustomAttribute<StrategyAttribute>() is not null))
        {
            Register(type, Path.GetFileName(full));
            added.Add(_strategies[^1]);
        }

        if (added.Count == 0)
        {
            throw new StrategyConfigurationException($"Strategy assembly '{path}' defines no strategies (classes deriving from {typeof(Strategy).FullName} with a [Strategy(name, version)] attribute).");
        }

        return added;
    }

    /// <summary>Creates a strategy; <paramref name="version"/> null takes the highest.</summary>
    public Strategy Create(string name, string? version, IReadOnlyDictionary<string, object?> parameters, string instanceName)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var candidates = _strategies.Where(s => s.Name == name).ToList();
        if (candidates.Count == 0)
        {
            throw new StrategyConfigurationException($"Strategy instance '{instanceName}': unknown strategy '{name}'; available: {string.Join(", ", _strategies.Select(s => $"{s.Name} {s.Version}"))}.");
        }

        var descriptor = version is null
            ? candidates.OrderByDescending(s => Version.TryParse(s.Version, out var v) ? v : new Version(0, 0)).First()
            : candidates.FirstOrDefault(s => s.Version == version)
                ?? throw new StrategyConfigurationException($"Strategy instance '{instanceName}': strategy '{name}' has version{(candidates.Count == 1 ? "" : "s")} {string.Join(", ", candidates.Select(c => c.Version))}, not {version}.");

        if (descriptor.ParametersType is null && parameters.Count > 0)
        {
            throw new StrategyConfigurationException($"Strategy instance '{instanceName}': strategy '{name}' takes no parameters.");
        }

        object?[] arguments = descriptor.ParametersType is null ? [] : [StrategyParameterBinder.Bind(descriptor.ParametersType, parameters, instanceName)];
        try
        {
            return (Strategy)Activator.CreateInstance(descriptor.Type, arguments)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ArgumentException argument)
        {
            throw new StrategyConfigurationException($"Strategy instance '{instanceName}' ({name}): {argument.Message}", argument);
        }
    }

    /// <summary>Loads a strategy assembly in its own context; the engine's own assemblies (and so its types) are shared.</summary>
    private sealed class StrategyLoadContext(string path) : AssemblyLoadContext($"strategies:{Path.GetFileName(path)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Anything the engine already has comes from the engine, so Strategy is the same type on both sides.
            if (Default.Assemblies.Any(a => a.GetName().Name == assemblyName.Name))
            {
                return null;
            }

            string? dependency = _resolver.ResolveAssemblyToPath(assemblyName);
            return dependency is null ? null : LoadFromAssemblyPath(dependency);
        }
    }
}
