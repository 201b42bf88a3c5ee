namespace Engine.Host.Gateways;

/// <summary>
/// What the REST gateway's start-up rehearsal of the order path did: the requests answered
/// in-process (none reached the broker), the answers it brought into its own scratch ring, and
/// how long it took.
/// </summary>
/// <param name="Requests">Each request answered in-process, as <c>METHOD path</c>, in order.</param>
/// <param name="Answers">Replies and updates published into the rehearsal's scratch ring.</param>
/// <param name="Completed">True when every rehearsed request was answered and the order settled in time.</param>
/// <param name="Elapsed">The rehearsal's wall time.</param>
public sealed record GatewayRehearsal(IReadOnlyList<string> Requests, long Answers, bool Completed, TimeSpan Elapsed);
