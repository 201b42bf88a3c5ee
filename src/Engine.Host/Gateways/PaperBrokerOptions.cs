namespace Engine.Host.Gateways;

/// <summary>How the paper broker fills and answers.</summary>
public sealed record PaperBrokerOptions
{
    /// <summary>Slippage, latency and volume participation.</summary>
    public PaperFillModel Fills { get; init; } = PaperFillModel.Immediate;

    /// <summary>Who publishes the answers.</summary>
    public PaperAnswerDelivery Delivery { get; init; } = PaperAnswerDelivery.PublishingThread;

    /// <summary>Orders held before the table grows.</summary>
    public int Capacity { get; init; } = 8192;
}
