using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Engine.Core.Orders;

namespace Engine.Kite.Rest;

/// <summary>
/// Kite Connect's REST API (PROTOCOL.md §2): orders (place, modify and cancel of regular orders;
/// the order book, an order's history, trades), the portfolio (positions, holdings), margins, the
/// instruments CSV and the session exchange. Every request carries <c>X-Kite-Version: 3</c> and
/// <c>Authorization: token api_key:access_token</c>; connections are pooled and reused; every call
/// has a timeout. Each call returns a <see cref="KiteResponse{T}"/> whatever happened: the HTTP
/// status (0 when no answer came), the body as received, the data or the error mapped from
/// <c>error_type</c>. Nothing is retried here: HTTP 429 comes back as a rate-limit error, and an
/// unanswered place is the caller's to look up before any re-send.
/// </summary>
public sealed class KiteRestClient : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };
    private readonly KiteRestOptions _options;
    private readonly HttpClient _http;

    // Built once: the options do not change, and an order's request is built on a thread that has
    // just woken, where every step it can skip counts.
    private readonly string _authorization;

    /// <summary>Creates the client; <paramref name="handler"/> replaces the pooled socket handler (tests).</summary>
    public KiteRestClient(KiteRestOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _authorization = $"token {options.ApiKey}:{options.AccessToken}";
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.ConnectTimeout,
            MaxConnectionsPerServer = Math.Max(1, options.MaxConnections),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = options.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan,   // each call has its own, so a timeout is an answer, not an exception
        };
        _http.DefaultRequestHeaders.Add("X-Kite-Version", "3");
    }

    /// <summary>The options.</summary>
    public KiteRestOptions Options => _options;

    /// <summary>Places a regular order; the data is Kite's order id.</summary>
    public Task<KiteResponse<string>> PlaceOrderAsync(KiteOrderParameters order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return SendAsync(HttpMethod.Post, "orders/regular", order.ToFormBody(), ReadOrderId, cancellationToken);
    }

    /// <summary>Modifies a regular order; only the fields set are sent.</summary>
    public Task<KiteResponse<string>> ModifyOrderAsync(string orderId, KiteOrderParameters changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return SendAsync(HttpMethod.Put, $"orders/regular/{Uri.EscapeDataString(orderId)}", changes.ToFormBody(), ReadOrderId, cancellationToken);
    }

    /// <summary>Cancels a regular order.</summary>
    public Task<KiteResponse<string>> CancelOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"orders/regular/{Uri.EscapeDataString(orderId)}", null, ReadOrderId, cancellationToken);

    /// <summary>Today's order book.</summary>
    public Task<KiteResponse<IReadOnlyList<KiteOrder>>> GetOrdersAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "orders", null, Read<IReadOnlyList<KiteOrder>>, cancellationToken);

    /// <summary>An order's history: every state it went through, oldest first.</summary>
    public Task<KiteResponse<IReadOnlyList<KiteOrder>>> GetOrderHistoryAsync(string orderId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"orders/{Uri.EscapeDataString(orderId)}", null, Read<IReadOnlyList<KiteOrder>>, cancellationToken);

    /// <summary>Today's trade book.</summary>
    public Task<KiteResponse<IReadOnlyList<KiteTrade>>> GetTradesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "trades", null, Read<IReadOnlyList<KiteTrade>>, cancellationToken);

    /// <summary>The fills of one order.</summary>
    public Task<KiteResponse<IReadOnlyList<KiteTrade>>> GetOrderTradesAsync(string orderId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"orders/{Uri.EscapeDataString(orderId)}/trades", null, Read<IReadOnlyList<KiteTrade>>, cancellationToken);

    /// <summary>Net and day positions.</summary>
    public Task<KiteResponse<KitePositions>> GetPositionsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "portfolio/positions", null, Read<KitePositions>, cancellationToken);

    /// <summary>Holdings.</summary>
    public Task<KiteResponse<IReadOnlyList<KiteHolding>>> GetHoldingsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "portfolio/holdings", null, Read<IReadOnlyList<KiteHolding>>, cancellationToken);

    /// <summary>Funds and margins by segment.</summary>
    public Task<KiteResponse<KiteMargins>> GetMarginsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "user/margins", null, Read<KiteMargins>, cancellationToken);

    /// <summary>The profile's user id: the lightest authenticated read (it also shows the token works).</summary>
    public Task<KiteResponse<string>> GetUserIdAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "user/profile", null, ReadUserId, cancellationToken);

    /// <summary>The instruments CSV (all exchanges, or one).</summary>
    public Task<KiteResponse<string>> GetInstrumentsCsvAsync(string? exchange = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, exchange is null ? "instruments" : $"instruments/{Uri.EscapeDataString(exchange)}", null, body => Encoding.UTF8.GetString(body.Span), cancellationToken);

    /// <summary>
    /// Historical candles of <paramref name="instrumentToken"/> at <paramref name="interval"/>
    /// (<c>minute</c>, <c>3minute</c>, … <c>60minute</c>, <c>day</c>) from <paramref name="fromIst"/> to
    /// <paramref name="toIst"/> (IST wall times, inclusive; Kite caps the range per request by interval).
    /// </summary>
    public Task<KiteResponse<IReadOnlyList<KiteCandle>>> GetHistoricalAsync(uint instrumentToken, string interval, DateTime fromIst, DateTime toIst, bool openInterest = false, CancellationToken cancellationToken = default)
    {
        string from = Uri.EscapeDataString(fromIst.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        string to = Uri.EscapeDataString(toIst.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        return SendAsync(HttpMethod.Get, $"instruments/historical/{instrumentToken}/{Uri.EscapeDataString(interval)}?from={from}&to={to}&oi={(openInterest ? 1 : 0)}", null, ReadCandles, cancellationToken);
    }

    /// <summary>Exchanges a login's request_token for the day's session (the access token); sends the SHA-256 checksum, never the secret.</summary>
    public Task<KiteResponse<KiteSession>> CreateSessionAsync(string requestToken, string apiSecret, CancellationToken cancellationToken = default)
    {
        var form = new FormBody()
            .Add("api_key", _options.ApiKey)
            .Add("request_token", requestToken)
            .Add("checksum", KiteSessionChecksum.Compute(_options.ApiKey, requestToken, apiSecret));
        return SendAsync(HttpMethod.Post, "session/token", form, Read<KiteSession>, cancellationToken, authorize: false);
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<KiteResponse<T>> SendAsync<T>(HttpMethod method, string path, FormBody? form, Func<ReadOnlyMemory<byte>, T> parse, CancellationToken cancellationToken, bool authorize = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authorize)
        {
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        if (form is not null)
        {
            request.Content = form.ToContent();
        }

        long sent = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        int status;
        byte[] body;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new KiteResponse<T>(0, [], default, new KiteError(BrokerError.Timeout, $"no answer from {_options.BaseUrl}{path} within {_options.Timeout.TotalSeconds:0.#} s", 0), Stopwatch.GetElapsedTime(sent), sent);
        }
        catch (HttpRequestException ex)
        {
            return new KiteResponse<T>(0, [], default, new KiteError(BrokerError.Network, $"{_options.BaseUrl}{path}: {ex.Message}", 0), Stopwatch.GetElapsedTime(sent), sent);
        }

        var latency = Stopwatch.GetElapsedTime(sent);
        if (status is >= 200 and < 300)
        {
            try
            {
                return new KiteResponse<T>(status, body, parse(body), null, latency, sent);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
            {
                return new KiteResponse<T>(status, body, default, new KiteError(BrokerError.Data, $"the answer to {method} /{path} could not be read: {ex.Message}", status), latency, sent);
            }
        }

        return new KiteResponse<T>(status, body, default, ReadError(status, body), latency, sent);
    }

    // Kite's error envelope: {"status":"error","message":"...","error_type":"...","data":null}. A
    // proxy's HTML page for a 502 is not one; its first line still says what happened.
    private static KiteError ReadError(int status, byte[] body)
    {
        string message;
        BrokerError type;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : $"HTTP {status}";
            type = KiteErrorTypes.Parse(root.TryGetProperty("error_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null);
        }
        catch (JsonException)
        {
            string text = Encoding.UTF8.GetString(body).Trim();
            message = text.Length == 0 ? $"HTTP {status} with no body" : text[..Math.Min(200, text.Length)];
            type = status switch
            {
                502 => BrokerError.Data,
                503 => BrokerError.Network,
                504 => BrokerError.Data,
                _ => BrokerError.General,
            };
        }

        return new KiteError(status == 429 ? BrokerError.RateLimit : type, message, status);
    }

    private static T Read<T>(ReadOnlyMemory<byte> body)
    {
        var envelope = JsonSerializer.Deserialize<Envelope<T>>(body.Span, s_json) ?? throw new InvalidDataException("an empty answer");
        if (envelope.Status != "success" || envelope.Data is null)
        {
            throw new InvalidDataException($"status '{envelope.Status}' without data");
        }

        return envelope.Data;
    }

    /// <summary>The candles of a historical response body (as Kite sends it, or saved to a file).</summary>
    public static IReadOnlyList<KiteCandle> ReadCandles(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var candles = new List<KiteCandle>();
        foreach (var c in document.RootElement.GetProperty("data").GetProperty("candles").EnumerateArray())
        {
            // Kite writes the offset without a colon (2017-12-15T09:15:00+0530).
            string text = c[0].GetString()!;
            if (text.Length > 5 && text[^5] is '+' or '-' && text[^3] != ':')
            {
                text = text[..^2] + ":" + text[^2..];
            }

            var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            candles.Add(new KiteCandle(time, c[1].GetDecimal(), c[2].GetDecimal(), c[3].GetDecimal(), c[4].GetDecimal(), c[5].GetInt64(), c.GetArrayLength() > 6 ? c[6].GetInt64() : 0));
        }

        return candles;
    }

    private static string ReadUserId(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("data").GetProperty("user_id").GetString() ?? throw new InvalidDataException("user_id is null");
    }

    private static string ReadOrderId(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.GetProperty("data");
        var id = data.GetProperty("order_id");
        return id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString() ?? throw new InvalidDataException("order_id is null");
    }

    private sealed record Envelope<T>
    {
        [System.Text.Json.Serialization.JsonPropertyName("status")]
        public string? Status { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("data")]
        public T? Data { get; init; }
    }
}
