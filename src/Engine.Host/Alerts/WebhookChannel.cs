using System.Net.Http.Json;

namespace Engine.Host.Alerts;

/// <summary>A JSON webhook: <c>text</c> (Slack's incoming webhooks), <c>chat_id</c> when configured (Telegram's sendMessage), and the kind and time for machines.</summary>
public sealed class WebhookChannel(Uri url, string? chatId) : IAlertChannel
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <inheritdoc/>
    public string Name => "webhook";

    /// <inheritdoc/>
    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var response = await _http.PostAsJsonAsync(url, new { text = alert.Text, chat_id = chatId, kind = alert.Kind, at = alert.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
