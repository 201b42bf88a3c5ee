using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Strategies;

namespace Engine.Tests.Strategies;

/// <summary>A strategy that only records the bars and period ends it is given.</summary>
internal sealed class BarRecorder(BarPeriod period) : Strategy
{
    public override BarPeriod? BarPeriod => period;

    public List<(int Instrument, Bar Bar)> Bars { get; } = [];

    public List<long> PeriodEnds { get; } = [];

    public override void OnBar(int instrument, in Bar bar, StrategyContext context) => Bars.Add((instrument, bar));

    public override void OnBarsClosed(long periodEndNs, StrategyContext context) => PeriodEnds.Add(periodEndNs);
}
