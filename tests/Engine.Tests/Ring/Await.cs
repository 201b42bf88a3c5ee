using System.Diagnostics;

namespace Engine.Tests.Ring;

/// <summary>Waits for a condition with a deadline, failing with a message instead of hanging the suite.</summary>
internal static class Await
{
    public static void Until(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            Thread.Sleep(1);
        }
    }
}
