namespace Engine.Host.Configuration;

/// <summary>E-mail alerts: the SMTP server, its security, the sender and the recipients. The password is <c>ENGINE_SMTP_PASSWORD</c> in the environment, never the configuration.</summary>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">Its port.</param>
/// <param name="Security">none, starttls or ssl.</param>
/// <param name="From">The sender address.</param>
/// <param name="To">The recipients.</param>
/// <param name="User">The SMTP user, if the server wants one.</param>
public sealed record EmailAlertSettings(string Host, int Port, string Security, string From, IReadOnlyList<string> To, string? User);
