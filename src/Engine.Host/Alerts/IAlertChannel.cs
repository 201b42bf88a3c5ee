namespace Engine.Host.Alerts;

/// <summary>One way an alert leaves the engine (a webhook, e-mail). Called off the trading threads; throws on a failure the dispatcher may retry.</summary>
public interface IAlertChannel : IDisposable
{
    /// <summary>The channel's name, for the log.</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="alert"/>.</summary>
    Task SendAsync(Alert alert, CancellationToken cancellationToken);
}
