namespace Engine.Host.Configuration;

/// <summary>Where alerts go and how often: a JSON webhook (Slack- and Telegram-compatible), at most one alert of a kind per interval.</summary>
/// <param name="WebhookUrl">The webhook; null: no alerts.</param>
/// <param name="TelegramChatId">Sent as <c>chat_id</c>, for Telegram's sendMessage.</param>
/// <param name="MinInterval">At most one alert of a kind this often.</param>
/// <param name="DisconnectedFor">The ticker disconnected this long is an alert.</param>
/// <param name="Email">E-mail through SMTP, or null.</param>
public sealed record AlertSettings(Uri? WebhookUrl, string? TelegramChatId, TimeSpan MinInterval, TimeSpan DisconnectedFor, EmailAlertSettings? Email = null);
