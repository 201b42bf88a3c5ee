using System.Runtime.InteropServices;

namespace Engine.Host.Running;

/// <summary>A token cancelled by Ctrl-C, SIGTERM or an optional time limit, whichever comes first.</summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    /// <summary>Starts listening; with <paramref name="limit"/>, cancels after that long.</summary>
    public ShutdownSignal(TimeSpan? limit = null)
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        if (limit is { } l && l > TimeSpan.Zero)
        {
            _source.CancelAfter(l);
        }
    }

    /// <summary>Cancelled when the process should stop.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Which signal, if any, ended the run.</summary>
    public string? Reason { get; private set; }

    private void Handle(PosixSignalContext context)
    {
        // Stop in order instead of letting the runtime kill the process.
        context.Cancel = true;
        Reason = context.Signal.ToString();
        _source.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _source.Dispose();
    }
}
