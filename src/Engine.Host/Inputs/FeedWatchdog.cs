using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Time;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Inputs;

/// <summary>
/// The feed watchdog: during market hours, no tick for <c>staleAfter</c> (heartbeats keep a
/// connection alive while the ticks stop), or ticks whose exchange timestamp stands still that
/// long (a feed repeating old quotes), is a stale feed. It then publishes a journaled
/// <see cref="CommandKind.FeedStale"/> input (the risk engine may move to reducing-only on it, so a
/// replay does the same), logs a warning and has the ticker reconnect; when ticks flow again it
/// publishes <see cref="CommandKind.FeedRestored"/>. Its checks run on its own timer, never on a
/// ring thread.
/// </summary>
public sealed partial class FeedWatchdog : IDisposable
{
    private readonly TimeSpan _staleAfter;
    private readonly Func<long> _ticks;
    private readonly Func<long>? _exchangeTime;
    private readonly Func<bool> _marketOpen;
    private readonly InputPublisher _inputs;
    private readonly Action _reconnect;
    private readonly ILogger _logger;
    private readonly Timer? _timer;
    private long _lastTicks = -1;
    private long _lastExchangeTime = -1;
    private TimeSpan _lastChange;
    private bool _stale;

    /// <summary>
    /// Creates the watchdog over the ticks received and (if given) the latest exchange timestamp
    /// they carried (0 when the mode has none); with <paramref name="checkEvery"/> it checks on its
    /// own timer (else call <see cref="Check"/>).
    /// </summary>
    public FeedWatchdog(TimeSpan staleAfter, Func<long> ticks, Func<bool> marketOpen, InputPublisher inputs, Action reconnect, ILogger logger, TimeSpan? checkEvery = null, Func<long>? exchangeTime = null)
    {
        _staleAfter = staleAfter;
        _ticks = ticks;
        _exchangeTime = exchangeTime;
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
        long exchangeTime = _exchangeTime?.Invoke() ?? 0;
        bool ticksMoved = ticks != _lastTicks;

        // A mode without exchange timestamps (LTP) says nothing about them; otherwise new ticks must also be newer.
        bool moved = ticksMoved && (exchangeTime == 0 || exchangeTime != _lastExchangeTime);
        if (moved || !_marketOpen())
        {
            // Ticks flow, or the market is shut and silence is normal: the clock starts again.
            _lastTicks = ticks;
            _lastExchangeTime = exchangeTime;
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
            string why = ticksMoved
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ticks arrive but their exchange time has stood at {UnixTime.ToIst(exchangeTime * 1_000_000_000L):HH:mm:ss} IST for {seconds} s during market hours")
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no tick for {seconds} s during market hours");
            long sequence = _inputs.PublishCommand(CommandKind.FeedStale, seconds, System.Text.Encoding.UTF8.GetBytes("feed watchdog: " + why), UnixTime.NowNanoseconds());
            Log.Stale(_logger, why, sequence);
            _reconnect();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "feed stale: {Why} (input {Sequence}); reconnecting the ticker")]
        public static partial void Stale(ILogger logger, string why, long sequence);

        [LoggerMessage(Level = LogLevel.Information, Message = "feed restored: ticks flow again (input {Sequence})")]
        public static partial void Restored(ILogger logger, long sequence);
    }
}
