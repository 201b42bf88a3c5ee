using System.Diagnostics;

namespace Engine.Tests.Bench;

/// <summary>A <c>/bin/sh</c> spinning in a loop until disposed: a task outside the test process that is busy for certain.</summary>
internal sealed class BusyShell : IDisposable
{
    private readonly Process _shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))!;

    /// <summary>Its name as Linux keeps it.</summary>
    public const string Name = "sh";

    public void Dispose()
    {
        _shell.Kill();
        _shell.WaitForExit();
        _shell.Dispose();
    }
}
