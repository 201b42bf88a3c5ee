using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Time;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Inputs;

/// <summary>
/// The feed watchdog: during market hours, no tick for <c>staleAfter</c> (heartbeats keep a
/// connection alive while the ticks stop) is a stale feed. It then publishes a journaled
/// <see cref="CommandKind.FeedStale"/> input (the risk engine may move to reducing-only on it, so a
/// replay does the same), logs a warning and has the ticker reconnect; when ticks flow again it
/// publishes <see cref="CommandKind.FeedRestored"/>. Its checks run on its own timer, never on a
/// ring thread.
/// </summary>
public sealed partial class FeedWatchdog : IDisposable
{
    private readonly TimeSpan _staleAfter;
    private readonly Func<long> _ticks;
    private readonly Func<bool> _marketOpen;
    private readonly InputPublisher _inputs;
    private readonly Action _reconnect;
    private readonly ILogger _logger;
    private readonly Timer? _timer;
    private long _lastTicks = -1;
    private TimeSpan _lastChange;
    private bool _stale;

    /// <summary>Creates the watchdog; with <paramref name="checkEvery"/> it checks on its own timer (else call <see cref="Check"/>).</summary>
    public FeedWatchdog(TimeSpan staleAfter, Func<long> ticks, Func<bool> marketOpen, InputPublisher inputs, Action reconnect, ILogger logger, TimeSpan? checkEvery = null)
    {
        _staleAfter = staleAfter;
        _ticks = ticks;
        _marketOpen = marketOpen;
        _inputs = inputs;
        _reconnect = reconnect;
        _logger = logger;
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (checkEvery is { } every)
        {
            _timer = new Timer(_ => Check(started.Elapsed), null, every, every);
        }
    }

    /// <summary>Stale spells found.</summary>
    public long StaleSpells { get; private set; }

    /// <summary>One check at <paramref name="now"/> (time since the watchdog started).</summary>
    public void Check(TimeSpan now)
    {
        long ticks = _ticks();
        bool moved = ticks != _lastTicks;
        if (moved || !_marketOpen())
        {
            // Ticks flow, or the market is shut and silence is normal: the clock starts again.
            _lastTicks = ticks;
            _lastChange = now;
            if (_stale && moved)
            {
                _stale = false;
                long sequence = _inputs.PublishCommand(CommandKind.FeedRestored, 0, "feed watchdog: ticks flow again"u8, UnixTime.NowNanoseconds());
                Log.Restored(_logger, sequence);
            }

            return;
        }

        if (!_stale && now - _lastChange >= _staleAfter)
        {
            _stale = true;
            StaleSpells++;
            long seconds = (long)(now - _lastChange).TotalSeconds;
            long sequence = _inputs.PublishCommand(CommandKind.FeedStale, seconds, System.Text.Encoding.UTF8.GetBytes($"feed watchdog: no tick for {seconds} s during market hours"), UnixTime.NowNanoseconds());
            Log.Stale(_logger, seconds, sequence);
            _reconnect();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "feed stale: no tick for {Seconds} s during market hours (input {Sequence}); reconnecting the ticker")]
        public static partial void Stale(ILogger logger, long seconds, long sequence);

        [LoggerMessage(Level = LogLevel.Information, Message = "feed restored: ticks flow again (input {Sequence})")]
        public static partial void Restored(ILogger logger, long sequence);
    }
}
