using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Market;
using Engine.Core.Time;
using Engine.Host.Backtests;
using Engine.Kite.Ticks;
using Engine.Tests.Gateways;

namespace Engine.Tests.Backtests;

/// <summary>
/// Bars become ticks that rebuild them: the engine's own one-minute bars, made by the bar
/// builder the strategies use from the Kite packets a backtest publishes, equal the reference
/// minute bars (rounded to the instrument's tick) for every bar in session hours.
/// </summary>
public sealed class BarTicksTests
{
    [Fact]
    public void TheEnginesMinuteBarsFromTheTicksAreTheSourceBars()
    {
        var calendar = SessionCalendar.Nse;
        var content = BarFile.Read(TestData.PathOf("quotes/intraday.csv"), calendar.Open);
        var series = new BarSeries(TestOrders.InfyInstrument, content.Bars, false, 60_000_000_000, "intraday.csv");
        var ticks = new BarTicks(series, calendar);
        var builder = new BarBuilder(new BarClock(BarPeriod.OneMinute, calendar.Hours));
        var built = new Dictionary<long, Bar>();
        var tick = default(Tick);
        Span<byte> packet = stackalloc byte[TickPacket.FullLength];
        long count = 0;
        while (ticks.HasNext)
        {
            long at = ticks.NextTimeNs;
            ticks.Next(ref tick);
            // Through the wire format, as the backtest's ring sees them.
            int length = TickEncoder.EncodePacket(tick, packet);
            var decoded = default(Tick);
            Assert.True(TickDecoder.TryDecode(packet[..length], ref decoded));
            Assert.Equal(at / 1_000_000_000, decoded.ExchangeTimestamp);
            if (builder.TryClose(at, out var bar))
            {
                built[bar.TimeNs] = bar;
            }

            builder.Add(at, decoded.LastPrice, decoded.VolumeTraded);
            count++;
        }

        Assert.Equal(content.Bars.Count * BarTicks.PerBar, count);
        var inSession = content.Bars.Where(b => calendar.PhaseAt(b.TimeNs) is Core.Events.TimerKind.Open or Core.Events.TimerKind.SquareOff).ToArray();
        Assert.True(inSession.Length > 1000);
        foreach (var source in inSession[..^1])
        {
            Assert.True(built.TryGetValue(source.TimeNs, out var bar), $"no bar at {UnixTime.ToIst(source.TimeNs):yyyy-MM-dd HH:mm}");
            Assert.Equal((Paise(source.Open), Paise(source.High), Paise(source.Low), Paise(source.Close)), ((long)bar.Open, (long)bar.High, (long)bar.Low, (long)bar.Close));
        }
    }

    // The reference price in paise, on INFY's 0.05 tick.
    private static long Paise(decimal rupees) => (long)(decimal.Round(rupees * 20, MidpointRounding.AwayFromZero) * 5);
}
