using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Core.Risk;

/// <summary>
/// A rule set as JSON, the form the journal keeps it in (the run's <c>session_start</c>, and an
/// operator's rule-set command): snake-case keys, enums in words, money in paise.
/// </summary>
public static class RiskRulesJson
{
    /// <summary>The serializer settings for the rule set and the charges schedule.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The rule set as UTF-8 JSON.</summary>
    public static byte[] Write(RiskGateOptions rules) => JsonSerializer.SerializeToUtf8Bytes(rules, Options);

    /// <summary>Reads a rule set; false (and the reason) when the bytes are not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, out RiskGateOptions rules, out string? error)
    {
        try
        {
            rules = JsonSerializer.Deserialize<RiskGateOptions>(utf8, Options) ?? throw new JsonException("null");
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            rules = null!;
            error = ex.Message;
            return false;
        }
    }
}
