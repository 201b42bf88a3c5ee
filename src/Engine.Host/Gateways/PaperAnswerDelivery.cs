namespace Engine.Host.Gateways;

/// <summary>Who brings the paper broker's answers into the ring.</summary>
public enum PaperAnswerDelivery
{
    /// <summary>The broker's own publishing thread, as a real broker's answers arrive (paper mode).</summary>
    PublishingThread = 0,

    /// <summary>
    /// The one producer of a backtest, between inputs (<see cref="PaperBroker.PublishAnswers"/>):
    /// the answers to an input enter the ring right after it, so the journal is a function of the data.
    /// </summary>
    Caller = 1,
}
