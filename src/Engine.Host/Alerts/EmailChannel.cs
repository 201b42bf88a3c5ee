using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Engine.Host.Alerts;

/// <summary>E-mail through an SMTP server (MailKit): the alert's kind in the subject, its text in the body. The password comes from the environment, never the configuration.</summary>
public sealed class EmailChannel(string host, int port, SecureSocketOptions security, string from, IReadOnlyList<string> to, string? user, string? password) : IAlertChannel
{
    /// <inheritdoc/>
    public string Name => "e-mail";

    /// <inheritdoc/>
    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (string address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = $"[engine] {alert.Kind}: {alert.Text}";
        message.Body = new TextPart("plain") { Text = $"{alert.Text}\n\n{alert.Kind} at {alert.At:O}" };
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(host, port, security, cancellationToken).ConfigureAwait(false);
        if (user is { Length: > 0 })
        {
            await client.AuthenticateAsync(user, password ?? "", cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
