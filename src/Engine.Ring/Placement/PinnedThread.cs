using System.Runtime.ExceptionServices;

namespace Engine.Ring;

/// <summary>
/// Runs one piece of work on a thread of its own pinned to a core, and waits for it: a producer
/// loop that must share a core with a pinned consumer, while the caller's thread keeps its own
/// affinity once the work is done (a library caller, a test host).
/// </summary>
public static class PinnedThread
{
    /// <summary>
    /// Runs <paramref name="work"/> on a new thread named <paramref name="name"/> pinned to
    /// <paramref name="core"/> and returns its result; the work's exception is rethrown as thrown.
    /// Throws <see cref="InvalidOperationException"/> with the reason when the core cannot be had.
    /// </summary>
    public static T Run<T>(int core, string name, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (!CpuAffinity.TryPinCurrentThread(core, out string? reason))
                {
                    throw new InvalidOperationException($"core {core}: {reason}");
                }

                result = work();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        })
        { Name = name, IsBackground = true };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
