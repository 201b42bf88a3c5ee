using System.Security.Cryptography;
using System.Text;
using Engine.Sim.Faults;
using Engine.Sim.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engine.Sim.Exchange;

/// <summary>
/// Kite's REST endpoints on the simulator, behind Kite's headers (<c>X-Kite-Version: 3</c>,
/// <c>Authorization: token api_key:access_token</c>): orders (place, modify, cancel, the book, an
/// order's history and trades), the trade book, positions, holdings, margins, the profile and the
/// session exchange. Order requests meet the faults asked for (a slow or lost acknowledgement, a
/// 503 before or after the order was placed).
/// </summary>
public static class SimRestApi
{
    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    public static void Map(WebApplication app, SimExchange exchange, SimulatorOptions options, SimulatorFaults faults)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(faults);

        app.MapPost("/orders/{variety}", (HttpContext context, string variety) => OrderRequestAsync(context, options, faults, variety, form => exchange.Place(form)));
        app.MapPut("/orders/{variety}/{orderId}", (HttpContext context, string variety, string orderId) => OrderRequestAsync(context, options, faults, variety, form => exchange.Modify(orderId, form)));
        app.MapDelete("/orders/{variety}/{orderId}", (HttpContext context, string variety, string orderId) => OrderRequestAsync(context, options, faults, variety, _ => exchange.Cancel(orderId)));
        app.MapGet("/orders", (HttpContext context, CancellationToken cancellationToken) => Read(context, options, () => exchange.OrderBookJson()));
        app.MapGet("/orders/{orderId}", (HttpContext context, string orderId) => Read(context, options, () => exchange.HistoryJson(orderId)));
        app.MapGet("/orders/{orderId}/trades", (HttpContext context, string orderId) => Read(context, options, () => exchange.TradesJson(orderId)));
        app.MapGet("/trades", (HttpContext context, CancellationToken cancellationToken) => Read(context, options, () => exchange.TradesJson()));
        app.MapGet("/portfolio/positions", (HttpContext context, CancellationToken cancellationToken) => Read(context, options, exchange.PositionsJson));
        app.MapGet("/portfolio/holdings", (HttpContext context, CancellationToken cancellationToken) => Read(context, options, SimExchange.HoldingsJson));
        app.MapGet("/user/margins", (HttpContext context, CancellationToken cancellationToken) => Read(context, options, () => exchange.MarginsJson()));
        app.MapGet("/user/margins/{segment}", (HttpContext context, string segment) => Read(context, options, () => segment is "equity" or "commodity" ? exchange.MarginsJson(segment) : null));
        app.MapGet("/user/profile", (HttpContext context, CancellationToken cancellationToken) => Read(context, options, () => Profile(options)));
        app.MapPost("/session/token", (HttpContext context, CancellationToken cancellationToken) => SessionAsync(context, options));
        app.MapDelete("/session/token", () => Json(200, "{\"status\":\"success\",\"data\":true}"u8.ToArray()));
    }

    /// <summary>
    /// Runs the order handlers (place, modify, cancel) and the reads once, in-process, on a scratch
    /// exchange over <paramref name="models"/>, so a client's first order is not the one that
    /// compiles them. The simulator's own exchange, faults and rate budget are untouched, and the
    /// models' prices do not move.
    /// </summary>
    internal static async Task RehearseAsync(IReadOnlyList<InstrumentModel> models, SimulatorOptions options, IServiceProvider services)
    {
        if (models.Count == 0)
        {
            return;
        }

        var scratch = new SimExchange(models, options.Exchange with { OrdersPerSecond = int.MaxValue });
        var faults = new SimulatorFaults();
        var instrument = models[0].Instrument;
        decimal price = models[0].LastPrice / (decimal)instrument.PriceDivisor;
        string form = $"exchange={instrument.Exchange}&tradingsymbol={Uri.EscapeDataString(instrument.TradingSymbol)}&transaction_type=BUY&quantity={Math.Max(1, instrument.LotSize)}"
            + $"&product=MIS&order_type=LIMIT&price={price.ToString(System.Globalization.CultureInfo.InvariantCulture)}&validity=DAY&tag=rehearsal";
        var placed = await RunAsync(HttpMethods.Post, form, context => OrderRequestAsync(context, options, faults, "regular", f => scratch.Place(f))).ConfigureAwait(false);
        string orderId = scratch.Orders.Count > 0 ? scratch.Orders[0].OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
        await RunAsync(HttpMethods.Put, form, context => OrderRequestAsync(context, options, faults, "regular", f => scratch.Modify(orderId, f))).ConfigureAwait(false);
        await RunAsync(HttpMethods.Delete, null, context => OrderRequestAsync(context, options, faults, "regular", _ => scratch.Cancel(orderId))).ConfigureAwait(false);
        await RunAsync(HttpMethods.Get, null, context => Task.FromResult(Read(context, options, () => scratch.OrderBookJson()))).ConfigureAwait(false);
        await RunAsync(HttpMethods.Get, null, context => Task.FromResult(Read(context, options, () => scratch.HistoryJson(orderId)))).ConfigureAwait(false);
        await RunAsync(HttpMethods.Get, null, context => Task.FromResult(Read(context, options, () => scratch.TradesJson()))).ConfigureAwait(false);
        await RunAsync(HttpMethods.Get, null, context => Task.FromResult(Read(context, options, scratch.PositionsJson))).ConfigureAwait(false);
        await RunAsync(HttpMethods.Get, null, context => Task.FromResult(Read(context, options, () => scratch.MarginsJson()))).ConfigureAwait(false);
        if (placed != 200)
        {
            throw new InvalidOperationException($"the simulator's rehearsal of a place was answered {placed}; its order handlers are broken");
        }

        async Task<int> RunAsync(string method, string? body, Func<HttpContext, Task<IResult>> handler)
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = method;
            context.Request.Headers["X-Kite-Version"] = "3";
            context.Request.Headers.Authorization = $"token {options.ApiKey}:{options.AccessToken}";
            if (body is not null)
            {
                byte[] bytes = Encoding.ASCII.GetBytes(body);
                context.Request.ContentType = "application/x-www-form-urlencoded";
                context.Request.ContentLength = bytes.Length;
                context.Request.Body = new MemoryStream(bytes);
            }

            context.Response.Body = Stream.Null;
            var result = await handler(context).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
            return context.Response.StatusCode;
        }
    }

    private static async Task<IResult> OrderRequestAsync(HttpContext context, SimulatorOptions options, SimulatorFaults faults, string variety, Func<IReadOnlyDictionary<string, string>, ExchangeAnswer> act)
    {
        if (Refusal(context, options) is { } refused)
        {
            return refused;
        }

        if (variety != "regular")
        {
            return Json(400, SimExchange.ErrorJson("InputException", $"Variety '{variety}' is not available in the simulator (regular only)."));
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            form[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))
            {
                form[key] = value.ToString();
            }
        }

        if (context.Request.Method == HttpMethods.Post && faults.Blocks(form.GetValueOrDefault("tradingsymbol")))
        {
            return Json(400, SimExchange.ErrorJson("OrderException", $"RMS:Blocked for {form["tradingsymbol"]} (simulated fault): new orders in this script are not allowed."));
        }

        var fault = faults.TakeOrderFault(out var delay);
        if (fault == OrderFault.FailBefore)
        {
            return Json(503, SimExchange.ErrorJson("NetworkException", "The order system could not be reached (simulated fault); the order was not placed."));
        }

        var answer = act(form);
        switch (fault)
        {
            case OrderFault.FailAfter:
                return Json(503, SimExchange.ErrorJson("NetworkException", "The order system did not answer in time (simulated fault)."));
            case OrderFault.LoseAck:
                context.Abort();
                return Results.Empty;
            case OrderFault.SlowAck:
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
                break;
        }

        return Json(answer.HttpStatus, answer.Body);
    }

    private static IResult Read(HttpContext context, SimulatorOptions options, Func<byte[]?> body)
    {
        if (Refusal(context, options) is { } refused)
        {
            return refused;
        }

        return body() is { } json ? Json(200, json) : Json(404, SimExchange.ErrorJson("InputException", "No such order."));
    }

    // Kite checks the version header and the session on every call but the session exchange.
    /// <summary>Kite's answer to a request without its headers, or null when they are right.</summary>
    internal static IResult? Refusal(HttpContext context, SimulatorOptions options)
    {
        if (context.Request.Headers["X-Kite-Version"].ToString() != "3")
        {
            return Json(400, SimExchange.ErrorJson("InputException", "Missing or unsupported X-Kite-Version header (3 is required)."));
        }

        string expected = $"token {options.ApiKey}:{options.AccessToken}";
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            return Json(403, SimExchange.ErrorJson("TokenException", "Incorrect `api_key` or `access_token`."));
        }

        return null;
    }

    private static async Task<IResult> SessionAsync(HttpContext context, SimulatorOptions options)
    {
        if (!context.Request.HasFormContentType)
        {
            return Json(400, SimExchange.ErrorJson("InputException", "Missing api_key, request_token or checksum."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string apiKey = form["api_key"].ToString(), requestToken = form["request_token"].ToString(), checksum = form["checksum"].ToString();
        string expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey + requestToken + options.ApiSecret))).ToLowerInvariant();
        if (apiKey != options.ApiKey || requestToken.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(checksum), Encoding.ASCII.GetBytes(expected)))
        {
            return Json(403, SimExchange.ErrorJson("TokenException", "Token is invalid or has expired."));
        }

        string login = DateTimeOffset.UtcNow.ToOffset(Core.Time.UnixTime.IstOffset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", "success");
            json.WriteStartObject("data");
            json.WriteString("user_type", "individual");
            json.WriteString("user_name", "Simulator");
            json.WriteString("user_shortname", "Sim");
            json.WriteString("broker", "ZERODHA");
            json.WriteString("user_id", "SIM001");
            json.WriteString("api_key", options.ApiKey);
            json.WriteString("access_token", options.AccessToken);
            json.WriteString("public_token", "sim_public_token");
            json.WriteString("refresh_token", "");
            json.WriteString("login_time", login);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Json(200, buffer.WrittenSpan.ToArray());
    }

    private static byte[] Profile(SimulatorOptions options) => Encoding.UTF8.GetBytes(
        """{"status":"success","data":{"user_id":"SIM001","user_type":"individual","email":"sim@example.invalid","user_name":"Simulator","user_shortname":"Sim","broker":"ZERODHA","exchanges":["NSE","BSE"],"products":["CNC","NRML","MIS"],"order_types":["MARKET","LIMIT","SL","SL-M"],"meta":{"demat_consent":"physical"}}}""");

    private static JsonBody Json(int status, byte[] body) => new(status, body);

    // Kite's answers: a status and a JSON body, written as they are.
    private sealed class JsonBody(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
