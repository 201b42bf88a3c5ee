namespace Engine.Kite.Rest;

/// <summary>
/// One answer from Kite's API, whatever it was: the HTTP status (0 when none came), the body as
/// received (which the order gateway journals), the parsed data on success, the error otherwise,
/// and how long the call took.
/// </summary>
/// <typeparam name="T">The <c>data</c> of a successful answer.</typeparam>
public sealed class KiteResponse<T>
{
    internal KiteResponse(int httpStatus, byte[] body, T? data, KiteError? error, TimeSpan latency, long sentTimestamp)
    {
        SentTimestamp = sentTimestamp;
        HttpStatus = httpStatus;
        Body = body;
        Data = data;
        Error = error;
        Latency = latency;
    }

    /// <summary>The HTTP status; 0 when no answer came (a timeout, a failed connection).</summary>
    public int HttpStatus { get; }

    /// <summary>The response body as received (empty when none came).</summary>
    public byte[] Body { get; }

    /// <summary>The data of a successful answer.</summary>
    public T? Data { get; }

    /// <summary>The error, when the call did not succeed.</summary>
    public KiteError? Error { get; }

    /// <summary>From sending the request to the whole answer.</summary>
    public TimeSpan Latency { get; }

    /// <summary>
    /// When the request was sent (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): where
    /// <see cref="Latency"/> starts. Reading the answer comes after <see cref="Latency"/> ends, so
    /// this is the stamp to use, not the time the caller had the answer less the latency.
    /// </summary>
    public long SentTimestamp { get; }

    /// <summary>True for a <c>success</c> answer with its data.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The data, or a <see cref="KiteApiException"/> (a <see cref="KiteRateLimitException"/> for HTTP 429).</summary>
    public T EnsureSuccess()
    {
        if (Error is { } error)
        {
            throw error.HttpStatus == 429 ? new KiteRateLimitException(error) : new KiteApiException(error);
        }

        return Data!;
    }
}
