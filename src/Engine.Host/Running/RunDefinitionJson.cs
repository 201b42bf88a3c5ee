using System.Globalization;
using System.Text.Json;
using Engine.Host.Configuration;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Orders;
using Engine.Core.Charges;
using Engine.Core.Risk;
using Engine.Core.Time;
using Engine.Kite.Instruments;

namespace Engine.Host.Running;

/// <summary>
/// A run definition to and from the session_start record's JSON (and instruments to and from
/// instrument records' CSV rows), so an auditor reads the run's settings in plain JSON and a replay
/// rebuilds them exactly.
/// </summary>
public static class RunDefinitionJson
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Records = RiskRulesJson.Options;

    /// <summary>The JSON for a session_start record.</summary>
    public static byte[] Write(RunDefinition run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("engine", run.EngineVersion);
            json.WriteString("mode", run.Mode.ToString().ToLowerInvariant());
            json.WriteNumber("seed", run.Seed);
            if (run.ConfigFile is not null)
            {
                json.WriteString("config_file", run.ConfigFile);
            }

            if (run.Fills is not null)
            {
                json.WriteString("fills", run.Fills);
            }

            if (run.Data is not null)
            {
                json.WriteString("data", run.Data);
            }

            json.WriteStartObject("market_clock");
            json.WriteNumber("wall_start_ns", run.Clock.WallStartNs);
            json.WriteNumber("market_start_ns", run.Clock.MarketStartNs);
            json.WriteNumber("speed", run.Clock.Speed);
            json.WriteEndObject();

            var calendar = run.Calendar;
            json.WriteStartObject("session");
            json.WriteString("pre_open", calendar.PreOpen.ToString("HH:mm:ss", Inv));
            json.WriteString("open", calendar.Open.ToString("HH:mm:ss", Inv));
            json.WriteString("square_off", calendar.SquareOff.ToString("HH:mm:ss", Inv));
            json.WriteString("close", calendar.Close.ToString("HH:mm:ss", Inv));
            json.WriteStartArray("holidays");
            foreach (var day in calendar.Holidays.Order())
            {
                json.WriteStringValue(day.ToString("yyyy-MM-dd", Inv));
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("risk");
            json.WriteNumber("default_quantity", run.Risk.DefaultQuantity);
            json.WriteString("product", run.Risk.Product.ToString().ToLowerInvariant());
            json.WriteNumber("market_protection", run.Risk.MarketProtection);
            json.WriteEndObject();
            json.WritePropertyName("rules");
            JsonSerializer.Serialize(json, run.Risk, Records);
            json.WritePropertyName("charges");
            JsonSerializer.Serialize(json, run.Charges, Records);

            json.WriteString("subscription_mode", run.SubscriptionMode.ToString().ToLowerInvariant());
            json.WriteStartArray("strategy_assemblies");
            foreach (string assembly in run.StrategyAssemblies)
            {
                json.WriteStringValue(assembly);
            }

            json.WriteEndArray();
            json.WriteStartArray("strategies");
            foreach (var spec in run.Strategies)
            {
                json.WriteStartObject();
                json.WriteString("name", spec.Name);
                json.WriteString("strategy", spec.Strategy);
                if (spec.Version is not null)
                {
                    json.WriteString("version", spec.Version);
                }

                json.WriteStartArray("universe");
                foreach (uint token in spec.Universe)
                {
                    json.WriteNumberValue(token);
                }

                json.WriteEndArray();
                json.WriteStartObject("parameters");
                foreach (var (key, value) in spec.Parameters)
                {
                    if (value is IEnumerable<object?> list)
                    {
                        json.WriteStartArray(key);
                        foreach (var item in list)
                        {
                            json.WriteStringValue(item?.ToString());
                        }

                        json.WriteEndArray();
                    }
                    else
                    {
                        json.WriteString(key, value?.ToString());
                    }
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a session_start record's JSON; <paramref name="instruments"/> come from the run's instrument records.</summary>
    public static RunDefinition Read(ReadOnlySpan<byte> utf8, IReadOnlyList<Instrument> instruments)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            var clock = root.GetProperty("market_clock");
            var session = root.GetProperty("session");
            var risk = root.GetProperty("risk");
            var strategies = new List<StrategySpec>();
            foreach (var item in root.GetProperty("strategies").EnumerateArray())
            {
                var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in item.GetProperty("parameters").EnumerateObject())
                {
                    parameters[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(v => (object?)v.GetString()).ToList()
                        : p.Value.GetString();
                }

                strategies.Add(new StrategySpec(
                    item.GetProperty("name").GetString()!,
                    item.GetProperty("strategy").GetString()!,
                    item.TryGetProperty("version", out var v) ? v.GetString() : null,
                    item.GetProperty("universe").EnumerateArray().Select(t => t.GetUInt32()).ToArray(),
                    parameters));
            }

            return new RunDefinition
            {
                EngineVersion = root.GetProperty("engine").GetString()!,
                Mode = Enum.Parse<EngineMode>(root.GetProperty("mode").GetString()!, ignoreCase: true),
                Seed = root.GetProperty("seed").GetUInt64(),
                ConfigFile = root.TryGetProperty("config_file", out var file) ? file.GetString() : null,
                Fills = root.TryGetProperty("fills", out var fills) ? fills.GetString() : null,
                Data = root.TryGetProperty("data", out var data) ? data.GetString() : null,
                Clock = new MarketClock(clock.GetProperty("wall_start_ns").GetInt64(), clock.GetProperty("market_start_ns").GetInt64(), clock.GetProperty("speed").GetDouble()),
                Calendar = new SessionCalendar(
                    TimeOnly.Parse(session.GetProperty("pre_open").GetString()!, Inv),
                    TimeOnly.Parse(session.GetProperty("open").GetString()!, Inv),
                    TimeOnly.Parse(session.GetProperty("square_off").GetString()!, Inv),
                    TimeOnly.Parse(session.GetProperty("close").GetString()!, Inv),
                    session.GetProperty("holidays").EnumerateArray().Select(d => DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", Inv))),
                Risk = root.TryGetProperty("rules", out var rules)
                    ? rules.Deserialize<RiskGateOptions>(Records) ?? throw new FormatException("the rule set is null")
                    : LegacyRules(risk),
                Charges = root.TryGetProperty("charges", out var charges)
                    ? charges.Deserialize<ChargeSchedule>(Records) ?? throw new FormatException("the charges are null")
                    : ChargeSchedule.Zerodha,
                SubscriptionMode = Enum.Parse<TickMode>(root.GetProperty("subscription_mode").GetString()!, ignoreCase: true),
                StrategyAssemblies = root.GetProperty("strategy_assemblies").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                Strategies = strategies,
                Instruments = instruments,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new FormatException($"the session_start record's configuration cannot be read: {ex.Message}", ex);
        }
    }

    // A journal from before the rule set: the gate knew sizing, product and protection only, so
    // every later rule is off and the replay decides as that run did.
    private static RiskGateOptions LegacyRules(JsonElement risk) => new()
    {
        Sizing = new SizingOptions { Lots = risk.GetProperty("default_quantity").GetInt32() },
        Product = Enum.Parse<Product>(risk.GetProperty("product").GetString()!, ignoreCase: true),
        MarketProtection = risk.TryGetProperty("market_protection", out var protection) ? protection.GetInt16() : (short)0,
        Price = new PriceLimits { CircuitBandPercent = 0, FatFingerPercent = 0 },
        Budgets = new OrderBudgetLimits { PerSecond = 0, PerMinute = 0, PerDay = 0, SebiPerSecond = 0, ModificationsPerOrder = 0 },
    };

    /// <summary>An instrument's row in Kite's instruments CSV (no header).</summary>
    public static string CsvRow(Instrument instrument)
    {
        using var writer = new StringWriter(Inv);
        KiteInstrumentsCsv.Write(writer, [instrument]);
        string text = writer.ToString();
        return text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimEnd('\n', '\r');
    }

    /// <summary>Parses rows written by <see cref="CsvRow"/>.</summary>
    public static IReadOnlyList<Instrument> ParseRows(IEnumerable<string> rows, string source) =>
        KiteInstrumentsCsv.Parse(new StringReader(KiteInstrumentsCsv.Header + "\n" + string.Join("\n", rows) + "\n"), source);
}
