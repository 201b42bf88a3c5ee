using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engine.Core.Reconciliation;

/// <summary>
/// An <see cref="AccountState"/> as the JSON its command input carries in the journal: snake-case
/// keys, enums in words, money in paise, prices in wire units; positions and orders with every
/// field (their derived values, such as the average price, are written for readers and ignored on
/// reading).
/// </summary>
public static class AccountStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The state as UTF-8 JSON.</summary>
    public static byte[] Write(AccountState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Reads a state; false (and the reason) when the bytes are not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, out AccountState state, out string? error)
    {
        try
        {
            state = JsonSerializer.Deserialize<AccountState>(utf8, Options) ?? throw new JsonException("null");
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            state = null!;
            error = ex.Message;
            return false;
        }
    }
}
