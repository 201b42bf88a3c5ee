using System.Text.Json.Serialization;

namespace Engine.JournalTool.Orders;

/// <summary>One step of an order's life as the journal recorded it: what it was, when, and at which input.</summary>
/// <param name="Kind">input, intent, verdict, request, reply, update or state.</param>
/// <param name="Sequence">The input sequence the record belongs to.</param>
/// <param name="Record">The record number.</param>
/// <param name="TimeIst">Its time in IST.</param>
/// <param name="TimeUtc">Its time in UTC.</param>
/// <param name="What">What it says, in words.</param>
public sealed record OrderEvent(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("record")] ulong Record,
    [property: JsonPropertyName("time_ist")] string TimeIst,
    [property: JsonPropertyName("time_utc")] string TimeUtc,
    [property: JsonPropertyName("what")] string What);
