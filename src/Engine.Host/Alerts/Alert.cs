namespace Engine.Host.Alerts;

/// <summary>One alert: what happened (a stable kind for rate limiting and routing), in words, and when.</summary>
/// <param name="Kind">kill_switch, halted, limit_critical, feed_stale, disconnected, token_expiring.</param>
/// <param name="Text">For people.</param>
/// <param name="At">When it was seen.</param>
public sealed record Alert(string Kind, string Text, DateTimeOffset At);
