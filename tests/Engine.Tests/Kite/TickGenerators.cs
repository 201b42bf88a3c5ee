using Engine.Core.Instruments;
using Engine.Core.Market;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Kite;

/// <summary>Random ticks as Kite could send them: every mode, every segment, only the fields each packet kind carries.</summary>
internal static class TickGenerators
{
    private static Gen<long> U32 => Gen.Choose(0, int.MaxValue).SelectMany(hi => Gen.Choose(0, 1).Select(b => (long)hi * 2 + b));

    private static Gen<DepthLevel> Level =>
        from p in U32
        from q in U32
        from o in Gen.Choose(0, ushort.MaxValue)
        select new DepthLevel((uint)p, (uint)q, (ushort)o);

    public static Gen<Tick> Tick =>
        from segment in Gen.Choose(1, 9)
        from exchangeToken in Gen.Choose(0, (int)(uint.MaxValue >> 9))
        from mode in Gen.Elements(TickMode.Ltp, TickMode.Quote, TickMode.Full)
        from f in Gen.ArrayOf(U32, 16)
        from change in Gen.Choose(int.MinValue, int.MaxValue)
        from bids in Gen.ArrayOf(Level, 5)
        from asks in Gen.ArrayOf(Level, 5)
        select Build((uint)(exchangeToken * 256L + segment), mode, f, change, bids, asks);

    private static Tick Build(uint token, TickMode mode, long[] f, int change, DepthLevel[] bids, DepthLevel[] asks)
    {
        var segment = Segments.Of(token);
        var t = new Tick
        {
            InstrumentToken = token,
            Mode = mode,
            Segment = segment,
            Tradable = Segments.IsTradable(segment),
            PriceDivisor = Segments.PriceDivisor(segment),
            LastPrice = f[0],
        };
        if (mode == TickMode.Ltp)
        {
            return t;
        }

        t.Open = f[1];
        t.High = f[2];
        t.Low = f[3];
        t.Close = f[4];
        if (t.IsIndex)
        {
            t.IndexChange = change;
            t.ExchangeTimestamp = mode == TickMode.Full ? f[5] : 0;
            return t;
        }

        t.LastTradedQuantity = f[6];
        t.AverageTradedPrice = f[7];
        t.VolumeTraded = f[8];
        t.TotalBuyQuantity = f[9];
        t.TotalSellQuantity = f[10];
        if (mode == TickMode.Full)
        {
            t.LastTradeTime = f[11];
            t.Oi = f[12];
            t.OiDayHigh = f[13];
            t.OiDayLow = f[14];
            t.ExchangeTimestamp = f[15];
            for (int i = 0; i < 5; i++)
            {
                t.Bids[i] = bids[i];
                t.Asks[i] = asks[i];
            }
        }

        return t;
    }

    public static Gen<Tick[]> Frame => Gen.ArrayOf(Tick).Select(a => a.Take(40).ToArray());
}
