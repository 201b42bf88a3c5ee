using Engine.Kite.Ticker;

namespace Engine.Tests.Kite;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void DelaysDoubleFromAboutOneSecondToAtMostSixtyWithJitter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), seed: 1);
        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next().TotalSeconds).ToArray();
        for (int i = 0; i < delays.Length; i++)
        {
            double ceiling = Math.Min(60, Math.Pow(2, i));
            Assert.InRange(delays[i], ceiling / 2, ceiling);
        }

        Assert.Equal(12, backoff.Attempt);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }
}
