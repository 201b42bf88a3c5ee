using System.Text.Json.Serialization;

namespace Engine.Host.Running;

/// <summary>One limit's distance as status and the summary show it: money limits in rupees, the others as counts.</summary>
public sealed record LimitReport
{
    /// <summary>daily_loss, max_loss, trailing_drawdown, gross_exposure, net_exposure, open_positions, orders_per_second, orders_per_minute, orders_per_day, consecutive_losses.</summary>
    [JsonPropertyName("limit")]
    public required string Limit { get; init; }

    /// <summary>safe, caution, critical or violated.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>What is used of it.</summary>
    [JsonPropertyName("used")]
    public decimal Used { get; init; }

    /// <summary>The limit.</summary>
    [JsonPropertyName("max")]
    public decimal Max { get; init; }

    /// <summary>What is left.</summary>
    [JsonPropertyName("remaining")]
    public decimal Remaining { get; init; }

    /// <summary>What is left, percent of the limit.</summary>
    [JsonPropertyName("remaining_percent")]
    public double RemainingPercent { get; init; }

    /// <summary>For exposure limits: what is left in lots of the largest lot held (null when nothing is held or the limit counts).</summary>
    [JsonPropertyName("remaining_lots")]
    public long? RemainingLots { get; init; }

    /// <summary>True when <see cref="Used"/>, <see cref="Max"/> and <see cref="Remaining"/> are rupees.</summary>
    [JsonPropertyName("rupees")]
    public bool Rupees { get; init; }
}
