namespace Engine.Core.Risk.Sizing;

/// <summary>
/// Fractional Kelly: from the closed round trips, the win rate W and the payoff R (average win over
/// average loss) give the Kelly share W − (1 − W) / R of equity; a fraction of it, capped, buys the
/// lots. Until enough round trips have closed, a fixed number of lots; a negative edge gets none.
/// </summary>
public sealed class KellySizer(double fraction, double capPercent, int minTrades, int fallbackLots) : ISizer
{
    /// <inheritdoc/>
    public long Lots(in ProposedOrder order, RiskContext context)
    {
        var account = context.Account;
        long trades = account.ClosedTrades;
        if (trades < minTrades)
        {
            return fallbackLots;
        }

        double share = Share(account.WinningTrades, trades - account.WinningTrades, account.WinTotal, account.LossTotal, fraction, capPercent);
        double lotValue = (double)order.ValuationPrice * order.LotSize;
        return share <= 0 || lotValue <= 0 ? 0 : (long)Math.Floor(account.Equity * share / lotValue);
    }

    /// <summary>The share of equity to put in one position: the Kelly fraction times <paramref name="fraction"/>, at most <paramref name="capPercent"/>.</summary>
    public static double Share(long wins, long losses, long winTotal, long lossTotal, double fraction, double capPercent)
    {
        if (wins + losses == 0)
        {
            return 0;
        }

        double w = (double)wins / (wins + losses);
        if (losses == 0 || lossTotal == 0)
        {
            return capPercent / 100;
        }

        if (wins == 0)
        {
            return 0;
        }

        double payoff = ((double)winTotal / wins) / ((double)lossTotal / losses);
        double kelly = w - ((1 - w) / payoff);
        return Math.Clamp(kelly * fraction, 0, capPercent / 100);
    }
}
