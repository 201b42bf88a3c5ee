using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Engine.Host.Alerts;

/// <summary>
/// Sends alerts off every trading thread: a bounded queue (the oldest dropped if it overflows), at
/// most one alert of a kind per interval, each channel retried with exponential backoff (Polly),
/// and a failure only logged: an alert never blocks or stops trading.
/// </summary>
public sealed partial class AlertDispatcher : IAsyncDisposable
{
    private readonly Channel<Alert> _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Dictionary<string, DateTimeOffset> _lastSent = [];
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly TimeSpan _minInterval;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly Task _sending;

    /// <summary>Starts the dispatcher over <paramref name="channels"/>.</summary>
    public AlertDispatcher(IReadOnlyList<IAlertChannel> channels, TimeSpan minInterval, ILogger logger, int attempts = 4, TimeSpan? firstDelay = null)
    {
        _channels = channels;
        _minInterval = minInterval;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = attempts - 1, BackoffType = DelayBackoffType.Exponential, Delay = firstDelay ?? TimeSpan.FromSeconds(1), ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || ex is TaskCanceledException) })
            .Build();
        _sending = Task.Run(SendAllAsync);
    }

    /// <summary>Queues <paramref name="alert"/>; never blocks.</summary>
    public void Raise(Alert alert) => _queue.Writer.TryWrite(alert);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_sending, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
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
            foreach (var channel in _channels)
            {
                try
                {
                    await _retry.ExecuteAsync(async token => await channel.SendAsync(alert, token).ConfigureAwait(false)).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // a failed alert is logged, never allowed to stop the others or trading
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.Failed(_logger, alert.Kind, channel.Name, ex.Message);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "alert {Kind} not delivered by {Channel} after its retries: {Reason}")]
        public static partial void Failed(ILogger logger, string kind, string channel, string reason);
    }
}
