using Engine.Core.Bars;
using Engine.Core.Indicators;
using Engine.Core.Orders;

namespace Engine.Core.Strategies.Builtin;

/// <summary>
/// Cross-sectional momentum over a universe. Every <see cref="MomentumSelectionParameters.RebalanceEvery"/>
/// bars, once every instrument's bar is in, each eligible name is scored by its rate of change
/// divided by its ATR in percent (momentum per unit of volatility). Eligible: indicators warmed up,
/// ADX above the threshold (a trend, not noise), average turnover above the floor (it can be traded),
/// positive momentum, and not on the exclusion list (ASM/GSM). The top N by score are held: names
/// that enter get a buy intent, names that drop out get an exit. Ties go to the earlier name in the
/// universe, so the ranking is deterministic.
/// </summary>
[Strategy("momentum-selection", "1.0")]
public sealed class MomentumSelection : Strategy
{
    private const int MaxTopN = 8;
    private readonly MomentumSelectionParameters _p;
    private Roc[] _roc = [];
    private Adx[] _adx = [];
    private Atr[] _atr = [];
    private Sma[] _turnover = [];
    private bool[] _excluded = [];
    private bool[] _held = [];
    private bool[] _selected = [];
    private double[] _scores = [];
    private int[] _order = [];
    private double[] _close = [];
    private int _bars;
    private int _entered;
    private int _droppedOut;

    /// <summary>Creates the strategy.</summary>
    public MomentumSelection(MomentumSelectionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.RocPeriods, 1, "roc_periods");
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.AdxPeriods, 1, "adx_periods");
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.TurnoverPeriods, 1, "turnover_periods");
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.AtrPeriods, 1, "atr_periods");
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.TopN, 1, "top_n");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parameters.TopN, MaxTopN, "top_n");
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.RebalanceEvery, 1, "rebalance_every");
        ArgumentOutOfRangeException.ThrowIfNegative(parameters.MinAverageTurnover, "min_average_turnover");
        _p = parameters;
    }

    /// <inheritdoc/>
    public override BarPeriod? BarPeriod => _p.BarPeriod;

    /// <summary>Whether universe instrument <paramref name="instrument"/> is held now.</summary>
    public bool IsHeld(int instrument) => _held[instrument];

    /// <inheritdoc/>
    public override void OnStart(StrategyContext context)
    {
        int n = context.Universe.Count;
        _roc = Enumerable.Range(0, n).Select(_ => new Roc(_p.RocPeriods)).ToArray();
        _adx = Enumerable.Range(0, n).Select(_ => new Adx(_p.AdxPeriods)).ToArray();
        _atr = Enumerable.Range(0, n).Select(_ => new Atr(_p.AtrPeriods)).ToArray();
        _turnover = Enumerable.Range(0, n).Select(_ => new Sma(_p.TurnoverPeriods)).ToArray();
        var excluded = new HashSet<string>(_p.Excluded, StringComparer.OrdinalIgnoreCase);
        _excluded = context.Universe.Select(i => excluded.Contains(i.TradingSymbol)).ToArray();
        _held = new bool[n];
        _selected = new bool[n];
        _scores = new double[n];
        _order = new int[n];
        _close = new double[n];
        _entered = context.DefineReason($"entered the top {_p.TopN} by ROC({_p.RocPeriods})/ATR%");
        _droppedOut = context.DefineReason($"dropped out of the top {_p.TopN}");
    }

    /// <inheritdoc/>
    public override void OnBar(int instrument, in Bar bar, StrategyContext context)
    {
        _roc[instrument].Update(bar.Close);
        _adx[instrument].Update(bar);
        _atr[instrument].Update(bar);
        _turnover[instrument].Update(bar.Close * bar.Volume);
        _close[instrument] = bar.Close;
    }

    /// <inheritdoc/>
    public override void OnBarsClosed(long periodEndNs, StrategyContext context)
    {
        if (++_bars % _p.RebalanceEvery != 0)
        {
            return;
        }

        int eligible = 0;
        for (int i = 0; i < _scores.Length; i++)
        {
            _selected[i] = false;
            if (IsEligible(i))
            {
                _scores[i] = _roc[i].Value / Math.Max(_atr[i].Percent, double.Epsilon);
                _order[eligible++] = i;
            }
        }

        var ranked = _order.AsSpan(0, eligible);
        SortByScoreDescending(ranked);
        int take = Math.Min(_p.TopN, eligible);
        double best = take > 0 ? _scores[ranked[0]] : 0;
        for (int r = 0; r < take; r++)
        {
            _selected[ranked[r]] = true;
        }

        // Exits first, so a risk gate sees capacity freed before new entries.
        for (int i = 0; i < _held.Length; i++)
        {
            if (_held[i] && !_selected[i])
            {
                _held[i] = false;
                context.Emit(i, Side.Sell, 1, _droppedOut, isExit: true);
            }
        }

        for (int r = 0; r < take; r++)
        {
            int i = ranked[r];
            if (!_held[i])
            {
                _held[i] = true;
                context.Emit(i, Side.Buy, _scores[i] / Math.Max(best, double.Epsilon), _entered, _close[i] - (_p.StopAtr * _atr[i].Value));
            }
        }
    }

    private bool IsEligible(int i) =>
        !_excluded[i]
        && _roc[i].IsReady && _adx[i].IsReady && _atr[i].IsReady && _turnover[i].IsReady
        && _adx[i].Value > _p.MinAdx
        && _turnover[i].Value >= _p.MinAverageTurnover
        && _roc[i].Value > 0;

    // Insertion sort: a rebalance is rare and a universe is small, the runtime's span sort boxes
    // its comparer (an allocation per rebalance), and stability keeps ties in universe order.
    private void SortByScoreDescending(Span<int> ranked)
    {
        for (int i = 1; i < ranked.Length; i++)
        {
            int item = ranked[i];
            double score = _scores[item];
            int j = i - 1;
            while (j >= 0 && _scores[ranked[j]] < score)
            {
                ranked[j + 1] = ranked[j];
                j--;
            }

            ranked[j + 1] = item;
        }
    }
}
