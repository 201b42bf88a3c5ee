using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Engine.Host.Alerts;

/// <summary>
/// Sends alerts to a JSON webhook off every trading thread: a bounded queue (the oldest dropped if
/// it overflows), at most one alert of a kind per interval, retries with exponential backoff
/// (Polly), and a failure only logged. The body carries <c>text</c> (Slack's incoming webhooks),
/// <c>chat_id</c> when configured (Telegram's sendMessage), and the kind and time for machines.
/// </summary>
public sealed partial class WebhookAlertSender : IAsyncDisposable
{
    private readonly Channel<Alert> _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Dictionary<string, DateTimeOffset> _lastSent = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _url;
    private readonly string? _chatId;
    private readonly TimeSpan _minInterval;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly Task _sending;

    /// <summary>Starts the sender.</summary>
    public WebhookAlertSender(Uri url, string? chatId, TimeSpan minInterval, ILogger logger, int attempts = 4, TimeSpan? firstDelay = null)
    {
        _url = url;
        _chatId = chatId;
        _minInterval = minInterval;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = attempts - 1, BackoffType = DelayBackoffType.Exponential, Delay = firstDelay ?? TimeSpan.FromSeconds(1), ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>() })
            .Build();
        _sending = Task.Run(SendAllAsync);
    }

    /// <summary>Alerts sent (answered 2xx).</summary>
    public long Sent { get; private set; }

    /// <summary>Queues <paramref name="alert"/>; never blocks.</summary>
    public void Raise(Alert alert) => _queue.Writer.TryWrite(alert);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_sending, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task SendAllAsync()
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_lastSent.TryGetValue(alert.Kind, out var last) && alert.At - last < _minInterval)
            {
                continue;
            }

            _lastSent[alert.Kind] = alert.At;
            try
            {
                await _retry.ExecuteAsync(async token =>
                {
                    using var response = await _http.PostAsJsonAsync(_url, new { text = alert.Text, chat_id = _chatId, kind = alert.Kind, at = alert.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, token).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                }).ConfigureAwait(false);
                Sent++;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Log.Failed(_logger, alert.Kind, ex.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "alert {Kind} not delivered to the webhook after its retries: {Reason}")]
        public static partial void Failed(ILogger logger, string kind, string reason);
    }
}
