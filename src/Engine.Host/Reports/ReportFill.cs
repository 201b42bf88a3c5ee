using Engine.Core.Orders;

namespace Engine.Host.Reports;

/// <summary>One fill as a journal records it, with the strategy whose intent made the order ("engine" for square-off and flatten) and the market time it happened at.</summary>
public sealed record ReportFill(long AtNs, uint InstrumentToken, Product Product, Side Side, long Quantity, long Price, ulong ClientOrderId, long InputSequence, string Strategy);
