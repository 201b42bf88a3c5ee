using Engine.Host.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using netDumbster.smtp;

namespace Engine.Tests.Alerts;

/// <summary>
/// Alerts by e-mail to an in-process SMTP server, one of a kind per interval, and a channel that
/// always fails never keeps the others from delivering.
/// </summary>
public sealed class AlertDispatcherTests
{
    [Fact]
    public async Task AnAlertIsMailedOnceAKindPerIntervalAndAFailingChannelDoesNotStopTheOthers()
    {
        using var smtp = SimpleSmtpServer.Start();
        var failing = new FailingChannel();
        var email = new EmailChannel("127.0.0.1", smtp.Configuration.Port, MailKit.Security.SecureSocketOptions.None, "engine@desk.example", ["ops@desk.example"], null, null);
        var now = DateTimeOffset.UtcNow;
        await using (var dispatcher = new AlertDispatcher([failing, email], TimeSpan.FromMinutes(1), NullLogger.Instance, attempts: 2, firstDelay: TimeSpan.FromMilliseconds(10)))
        {
            dispatcher.Raise(new Alert("halted", "Trading HALTED: daily_loss reached.", now));
            dispatcher.Raise(new Alert("halted", "Trading HALTED again.", now.AddSeconds(10)));   // inside the interval
            dispatcher.Raise(new Alert("kill_switch", "Kill switch engaged.", now.AddSeconds(11)));
            Ring.Await.Until(() => smtp.ReceivedEmailCount >= 2, TimeSpan.FromSeconds(20), () => $"{smtp.ReceivedEmailCount} mails");
        }

        Assert.Equal(2, smtp.ReceivedEmailCount);
        var subjects = smtp.ReceivedEmail.Select(m => m.Headers["Subject"]).ToList();
        Assert.Contains(subjects, s => s!.Contains("[engine] halted: Trading HALTED: daily_loss reached.", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s!.Contains("kill_switch", StringComparison.Ordinal));
        Assert.Equal(4, failing.Attempts);   // two alerts, two attempts each
    }

    private sealed class FailingChannel : IAlertChannel
    {
        public int Attempts;

        public string Name => "failing";

        public Task SendAsync(Alert alert, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Attempts);
            throw new HttpRequestException("the webhook is down");
        }

        public void Dispose()
        {
        }
    }
}
