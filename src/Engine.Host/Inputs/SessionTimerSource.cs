using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Time;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Inputs;

/// <summary>
/// The session calendar at the edge: at start it publishes the phase the market is in, then each
/// timer (pre-open, open, square-off, close) when the market clock reaches it. Only this edge reads
/// the wall clock; the timers carry their market time, so logic and replay use that instead.
/// </summary>
public sealed partial class SessionTimerSource(InputPublisher inputs, SessionCalendar calendar, MarketClock clock, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    /// <summary>The phase published last.</summary>
    public TimerKind Phase { get; private set; }

    /// <summary>Publishes the current phase, then runs the schedule in the background.</summary>
    public void Start()
    {
        long now = clock.ToMarket(UnixTime.NowNanoseconds());
        Phase = calendar.PhaseAt(now);
        long sequence = inputs.PublishTimer(Phase, now, UnixTime.NowNanoseconds());
        Report(Phase, now, sequence);
        _run = Task.Run(() => RunAsync(now, _stop.Token));
    }

    private async Task RunAsync(long after, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (kind, at) = calendar.Next(after);
            long wallAt = clock.ToWall(at);
            while (!cancellationToken.IsCancellationRequested)
            {
                long remaining = wallAt - UnixTime.NowNanoseconds();
                if (remaining <= 0)
                {
                    break;
                }

                // Short naps, so a long wait never drifts from the clock and stopping is prompt.
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(remaining / 1_000_000, 1, 500)), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Phase = kind;
            long sequence = inputs.PublishTimer(kind, at, UnixTime.NowNanoseconds());
            Report(kind, at, sequence);
            after = at;
        }
    }

    private void Report(TimerKind kind, long marketTimeNs, long sequence)
    {
        string phase = Describe(kind);
        var marketTime = UnixTime.ToIst(marketTimeNs);
        Log.Phase(logger, phase, marketTime, sequence);
    }

    private static string Describe(TimerKind kind) => kind switch
    {
        TimerKind.PreOpen => "pre-open",
        TimerKind.Open => "market open",
        TimerKind.SquareOff => "square-off (exits only)",
        TimerKind.Close => "market closed",
        _ => "no session today",
    };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "session: {Phase} (market time {MarketTime:yyyy-MM-dd HH:mm:ss} IST), input {Sequence}")]
        public static partial void Phase(ILogger logger, string phase, DateTimeOffset marketTime, long sequence);
    }
}
