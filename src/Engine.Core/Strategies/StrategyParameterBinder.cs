using System.Globalization;
using System.Reflection;
using Engine.Core.Bars;

namespace Engine.Core.Strategies;

/// <summary>
/// Fills a strategy's parameters object from configuration values (strings, or lists of strings
/// for list parameters). Names match properties regardless of case, underscores and dashes
/// (<c>fast_periods</c> sets <c>FastPeriods</c>). Every error names the strategy, the parameter
/// and the value. Runs at start-up only.
/// </summary>
public static class StrategyParameterBinder
{
    /// <summary>Creates and fills an object of <paramref name="type"/>.</summary>
    public static object Bind(Type type, IReadOnlyDictionary<string, object?> values, string strategy)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        object target = Activator.CreateInstance(type)
            ?? throw new StrategyConfigurationException($"strategy '{strategy}': cannot create its parameters ({type.Name}).");
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToDictionary(p => Normalize(p.Name));
        foreach (var (key, value) in values)
        {
            if (!properties.TryGetValue(Normalize(key), out var property))
            {
                throw new StrategyConfigurationException(
                    $"strategy '{strategy}': unknown parameter '{key}'; its parameters are {string.Join(", ", properties.Values.Select(p => SnakeCase(p.Name)))}.");
            }

            property.SetValue(target, Convert(value, property.PropertyType, strategy, key));
        }

        return target;
    }

    /// <summary>The configuration name of a property: <c>FastPeriods</c> is <c>fast_periods</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static object? Convert(object? value, Type type, string strategy, string key)
    {
        string Describe(string what) => $"strategy '{strategy}': parameter '{key}': '{value}' is not {what}.";

        if (type == typeof(string[]) || type == typeof(IReadOnlyList<string>))
        {
            return value switch
            {
                null => Array.Empty<string>(),
                string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                IEnumerable<object?> list => list.Select(v => v?.ToString() ?? "").ToArray(),
                _ => throw new StrategyConfigurationException(Describe("a list")),
            };
        }

        string text = value switch
        {
            string s => s.Trim(),
            null => "",
            _ => throw new StrategyConfigurationException(Describe("a single value")),
        };
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, inv, out int v) ? v : throw new StrategyConfigurationException(Describe("a whole number"));
        }

        if (type == typeof(long))
        {
            return long.TryParse(text, NumberStyles.Integer, inv, out long v) ? v : throw new StrategyConfigurationException(Describe("a whole number"));
        }

        if (type == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, inv, out double v) && double.IsFinite(v) ? v : throw new StrategyConfigurationException(Describe("a number"));
        }

        if (type == typeof(decimal))
        {
            return decimal.TryParse(text, NumberStyles.Float, inv, out decimal v) ? v : throw new StrategyConfigurationException(Describe("a number"));
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(text, out bool v) ? v : throw new StrategyConfigurationException(Describe("true or false"));
        }

        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(BarPeriod))
        {
            try
            {
                return BarPeriods.Parse(text);
            }
            catch (FormatException)
            {
                throw new StrategyConfigurationException(Describe($"a bar period ({string.Join(", ", BarPeriods.Names)})"));
            }
        }

        if (type.IsEnum)
        {
            string wanted = Normalize(text);
            foreach (string name in Enum.GetNames(type))
            {
                if (Normalize(name) == wanted)
                {
                    return Enum.Parse(type, name);
                }
            }

            throw new StrategyConfigurationException(Describe($"one of {string.Join(", ", Enum.GetNames(type).Select(SnakeCase))}"));
        }

        throw new StrategyConfigurationException($"strategy '{strategy}': parameter '{key}' has a type ({type.Name}) configuration cannot set.");
    }
}
