using Engine.Sim.Exchange;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engine.Sim.Faults;

/// <summary>
/// The simulator's own control endpoints under <c>/sim/</c>: faults on demand and its status. They
/// want Kite's headers like every other call, so no page in a browser can set them off cross-site
/// (a custom header cannot be sent without a CORS preflight, and the simulator answers none).
/// </summary>
internal static class SimControlApi
{
    public static void Map(WebApplication app, KiteSimulator simulator, SimulatorOptions options)
    {
        var faults = simulator.Faults;
        Control(app, "/sim/faults/drop", _ => faults.DropConnections());
        Control(app, "/sim/faults/malformed", _ => faults.SendMalformedFrame());
        Control(app, "/sim/faults/silence", query => faults.GoSilent(TimeSpan.FromSeconds(Number(query, "seconds", 10))));
        Control(app, "/sim/faults/reject-handshake", query => faults.RejectNextHandshakes((int)Number(query, "count", 1)));
        Control(app, "/sim/faults/orders", query => faults.Chaos(query.ContainsKey("off") ? null : OrderChaos.Standard((int)Number(query, "seed", 1))));
        app.MapGet("/sim/status", (HttpContext context) => SimRestApi.Refusal(context, options) ?? Results.Ok(new
        {
            connections = simulator.OpenConnections,
            accepted = simulator.ConnectionsAccepted,
            rejected = simulator.HandshakesRejected,
            ticks_generated = simulator.Tape.Generated,
            ticks_sent = simulator.TicksSent,
            orders = simulator.Exchange.Orders.Count,
            trades = simulator.Exchange.Trades.Count,
            rate_limited = simulator.Exchange.RateLimited,
            order_updates_sent = simulator.OrderUpdatesSent,
            order_updates_dropped = simulator.OrderUpdatesDropped,
        }));

        void Control(WebApplication web, string path, Action<IQueryCollection> act) =>
            web.MapPost(path, (HttpContext context) =>
            {
                if (SimRestApi.Refusal(context, options) is { } refused)
                {
                    return refused;
                }

                try
                {
                    act(context.Request.Query);
                }
                catch (FormatException e)
                {
                    return Results.BadRequest(new { status = "error", error_type = "InputException", message = e.Message });
                }

                return Results.Ok(new { status = "success" });
            });
    }

    private static double Number(IQueryCollection query, string name, double fallback)
    {
        string? text = query[name];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value >= 0
            ? value
            : throw new FormatException($"'{name}' must be a non-negative number, got '{text}'.");
    }
}
