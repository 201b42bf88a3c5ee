using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Engine.Host.Gateways;

/// <summary>
/// Answers every request here, as Kite would answer a good one, and never opens a socket: the
/// order path's rehearsal runs through it. Each request's form is encoded and read as it would be
/// on the wire, so that part of the path is compiled too. The order book holds one completed
/// order tagged <see cref="BookTag"/>, so a poll of it brings in an update.
/// </summary>
internal sealed class LocalAnswerHandler(string bookTag) : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>The tag of the one order in the order book.</summary>
    public string BookTag { get; } = bookTag;

    /// <summary>Each request answered, as <c>METHOD path</c>, in the order received.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri is { } uri ? uri.AbsolutePath.TrimStart('/') : "";
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        _requests.Enqueue($"{request.Method} {path}");
        string data = (request.Method.Method, path) switch
        {
            ("GET", "orders") => $"[{Order()}]",
            ("GET", "user/profile") => "{\"user_id\":\"REHEARSAL\"}",
            (_, _) when path.StartsWith("orders/", StringComparison.Ordinal) => "{\"order_id\":\"1\"}",
            _ => "{}",
        };

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"status\":\"success\",\"data\":{data}}}")),
        };
    }

    private string Order() =>
        "{\"order_id\":\"1\",\"exchange_order_id\":\"1\",\"status\":\"COMPLETE\",\"status_message\":null,"
        + "\"order_timestamp\":\"2026-01-01 09:15:00\",\"exchange_timestamp\":\"2026-01-01 09:15:00\",\"variety\":\"regular\","
        + "\"exchange\":\"NSE\",\"tradingsymbol\":\"REHEARSAL\",\"instrument_token\":0,\"order_type\":\"LIMIT\",\"transaction_type\":\"BUY\","
        + "\"validity\":\"DAY\",\"product\":\"MIS\",\"quantity\":1,\"price\":1,\"trigger_price\":0,\"average_price\":1,"
        + $"\"filled_quantity\":1,\"pending_quantity\":0,\"cancelled_quantity\":0,\"market_protection\":0,\"tag\":\"{BookTag}\"}}";
}
