using System.Reflection;
using Engine.Core.Strategies;
using Engine.Host.Configuration;

namespace Engine.Host.Backtests;

/// <summary>
/// One strategy parameter set on the command line (<c>--set fast_periods=8</c>, or
/// <c>--set trend-large-caps.fast_periods=8</c> for one instance): a sweep point is a list of these.
/// Unqualified, it sets the parameter on every instance whose strategy has it.
/// </summary>
public sealed record ParameterOverride(string? Instance, string Name, string Value)
{
    /// <summary>Reads <c>[INSTANCE.]NAME=VALUE</c>.</summary>
    public static ParameterOverride Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FormatException($"--set: '{text}' is not NAME=VALUE (or INSTANCE.NAME=VALUE)");
        }

        string key = text[..equals].Trim();
        int dot = key.LastIndexOf('.');
        return new ParameterOverride(dot > 0 ? key[..dot] : null, dot > 0 ? key[(dot + 1)..] : key, text[(equals + 1)..].Trim());
    }

    /// <summary>The instances with every override applied; an override that applies to none is an error.</summary>
    public static IReadOnlyList<StrategySpec> Apply(IReadOnlyList<StrategySpec> specs, IReadOnlyList<ParameterOverride> overrides, StrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(registry);
        var result = specs.ToList();
        foreach (var o in overrides)
        {
            int applied = 0;
            for (int i = 0; i < result.Count; i++)
            {
                var spec = result[i];
                bool named = o.Instance is not null && string.Equals(o.Instance, spec.Name, StringComparison.Ordinal);
                if (!(named || (o.Instance is null && Has(registry, spec.Strategy, o.Name))))
                {
                    continue;
                }

                var parameters = spec.Parameters.Where(p => Normalize(p.Key) != Normalize(o.Name)).ToDictionary(p => p.Key, p => p.Value);
                parameters[o.Name] = o.Value;
                result[i] = spec with { Parameters = parameters };
                applied++;
            }

            if (applied == 0)
            {
                throw new FormatException(o.Instance is not null
                    ? $"--set {o.Instance}.{o.Name}: no strategy instance is named '{o.Instance}' (the configuration has {string.Join(", ", specs.Select(s => s.Name))})"
                    : $"--set {o.Name}: no configured strategy has a parameter '{o.Name}'");
            }
        }

        return result;
    }

    private static bool Has(StrategyRegistry registry, string strategy, string parameter) =>
        registry.Available.Where(d => d.Name == strategy && d.ParametersType is not null)
            .Any(d => d.ParametersType!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => Normalize(p.Name) == Normalize(parameter)));

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <inheritdoc/>
    public override string ToString() => $"{(Instance is null ? "" : Instance + ".")}{Name}={Value}";
}
