using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Engine.Host.Admin;
using Engine.Host.Configuration;
using Engine.Core.Strategies;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine ctl</c>: the operator's client for a running engine's admin endpoint. It reads the
/// bearer token (and the URL the engine wrote beside it) from the configuration's
/// <c>admin.token_file</c>, so the token never appears on a command line.
/// </summary>
public static class CtlCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var action = new Argument<string>("action") { Description = "status, positions, orders, limits (or risk), kill, resume, flatten, halt, reduce, or rules FILE." };
        var file = new Argument<string?>("file") { Description = "For rules: a rule set in risk.yaml's form.", Arity = ArgumentArity.ZeroOrOne };
        var config = new Option<string>("--config") { Description = "The engine configuration whose admin.token_file to use.", DefaultValueFactory = _ => Path.Combine("config", "engine.yaml") };
        var url = new Option<string?>("--url") { Description = "The admin endpoint, http://127.0.0.1:PORT/ or unix:PATH (default: where the engine wrote beside its token that it listens)." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the journal (commands)." };
        var json = new Option<bool>("--json") { Description = "Print the endpoint's JSON answer." };
        var command = new Command("ctl", "Talk to a running engine's admin endpoint: status and positions, or a journaled command.") { action, file, config, url, reason, json };
        command.SetAction(parse =>
        {
            var loaded = EngineConfigLoader.Load(parse.GetValue(config)!, StrategyRegistry.CreateWithBuiltins());
            string tokenFile = loaded.AdminTokenFile ?? "admin.token";
            if (!File.Exists(tokenFile))
            {
                throw new FileNotFoundException($"no admin token at {tokenFile}: start the engine with admin.port or admin.socket set (it makes the token at its first start)");
            }

            var token = AdminToken.Load(tokenFile);
            string? endpoint = parse.GetValue(url) ?? (File.Exists(token.EndpointFile) ? File.ReadAllText(token.EndpointFile).Trim() : null);
            if (endpoint is null)
            {
                throw new FileNotFoundException($"no running engine's URL at {token.EndpointFile}: pass --url http://127.0.0.1:PORT/");
            }

            using var http = Client(endpoint);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            string verb = parse.GetValue(action)!.Trim().ToLowerInvariant();
            string query = parse.GetValue(reason) is { Length: > 0 } why ? "?reason=" + Uri.EscapeDataString(why) : "";
            HttpResponseMessage response;
            try
            {
                response = verb switch
                {
                    "status" or "positions" or "orders" => http.GetAsync(new Uri(verb, UriKind.Relative)).GetAwaiter().GetResult(),
                    "limits" or "risk" => http.GetAsync(new Uri("risk", UriKind.Relative)).GetAwaiter().GetResult(),
                    "kill" => http.PostAsync(new Uri("kill-switch" + query, UriKind.Relative), null).GetAwaiter().GetResult(),
                    "resume" or "flatten" or "halt" or "reduce" => http.PostAsync(new Uri(verb + query, UriKind.Relative), null).GetAwaiter().GetResult(),
                    "rules" => http.PostAsync(new Uri("rules", UriKind.Relative), new StringContent(File.ReadAllText(parse.GetValue(file) ?? throw new FormatException("ctl rules needs a rule set file")))).GetAwaiter().GetResult(),
                    _ => throw new FormatException($"'{verb}' is not one of: status, positions, orders, limits (or risk), kill, resume, flatten, halt, reduce, rules"),
                };
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"error: the engine at {endpoint} does not answer ({ex.Message}); is it running with admin.port or admin.socket set?");
                return 1;
            }

            using (response)
            {
                string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"error: {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
                    return 1;
                }

                if (parse.GetValue(json))
                {
                    Console.WriteLine(body);
                    return 0;
                }

                using var document = JsonDocument.Parse(body);
                Print(verb, document.RootElement);
                return 0;
            }
        });
        return command;
    }

    // unix:PATH is the admin socket: HTTP over a Unix domain socket, the host name a placeholder.
    private static HttpClient Client(string endpoint)
    {
        if (endpoint.StartsWith("unix:", StringComparison.Ordinal))
        {
            string path = endpoint["unix:".Length..];
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                        return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromSeconds(10) };
        }

        return new HttpClient { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    private static void Print(string verb, JsonElement root)
    {
        if (root.TryGetProperty("command", out var done))
        {
            Console.WriteLine($"{done.GetString()}: input {root.GetProperty("input_sequence").GetInt64().ToString(Inv)}");
            return;
        }

        if (verb is "orders")
        {
            PrintOrders(root.GetProperty("orders"));
            return;
        }

        // status carries the risk object; /positions and /risk are parts of it.
        var risk = root.TryGetProperty("risk", out var nested) ? nested : root;
        if (verb is "status")
        {
            Console.WriteLine($"{root.GetProperty("mode").GetString()}  {root.GetProperty("phase").GetString()}, market {root.GetProperty("market_time").GetString()}  {risk.GetProperty("trading_state").GetString()!.ToUpperInvariant()}{(root.GetProperty("kill_switch").GetBoolean() ? "  KILL SWITCH" : "")}");
            Console.WriteLine(string.Create(Inv, $"ticks {root.GetProperty("ticks_processed").GetInt64():N0}  signals {root.GetProperty("signals").GetInt64()}  orders {root.GetProperty("orders").GetInt64()} ({root.GetProperty("orders_filled").GetInt64()} filled, {root.GetProperty("orders_open").GetInt64()} open, {root.GetProperty("orders_rejected").GetInt64()} rejected)"));
            Console.WriteLine(string.Create(Inv, $"P&L net {risk.GetProperty("net_pnl").GetDecimal():0.00} = gross {risk.GetProperty("gross_pnl").GetDecimal():0.00} - charges {risk.GetProperty("charges").GetDecimal():0.00}; equity {risk.GetProperty("equity").GetDecimal():0.00}"));
        }

        if (verb is "status")
        {
            Console.WriteLine(string.Create(Inv, $"orders today {risk.GetProperty("orders_today").GetInt64()}, {root.GetProperty("orders_open").GetInt64()} open"));
        }

        if (verb is "status" or "positions")
        {
            Console.WriteLine($"{"instrument",-20} {"product",-7} {"qty",8} {"avg",12} {"last",12} {"realised",12} {"marked",12} {"charges",10}");
            foreach (var p in risk.GetProperty("positions").EnumerateArray())
            {
                Console.WriteLine(string.Create(Inv, $"{p.GetProperty("instrument").GetString(),-20} {p.GetProperty("product").GetString(),-7} {p.GetProperty("quantity").GetInt64(),8} {p.GetProperty("average_price").GetDecimal(),12:0.00} {p.GetProperty("last_price").GetDecimal(),12:0.00} {p.GetProperty("realized_pnl").GetDecimal(),12:0.00} {p.GetProperty("unrealized_pnl").GetDecimal(),12:0.00} {p.GetProperty("charges").GetDecimal(),10:0.00}"));
            }
        }

        if (verb is "limits" or "risk")
        {
            Console.WriteLine(string.Create(Inv, $"{risk.GetProperty("trading_state").GetString()!.ToUpperInvariant()}  P&L net {risk.GetProperty("net_pnl").GetDecimal():0.00}, equity {risk.GetProperty("equity").GetDecimal():0.00}, orders today {risk.GetProperty("orders_today").GetInt64()}"));
        }

        if (verb is "status" or "limits" or "risk")
        {
            Console.WriteLine($"{"limit",-20} {"status",-9} {"used",14} {"max",14} {"left",7}");
            foreach (var l in risk.GetProperty("limits").EnumerateArray())
            {
                Console.WriteLine(string.Create(Inv, $"{l.GetProperty("limit").GetString(),-20} {l.GetProperty("status").GetString(),-9} {l.GetProperty("used").GetDecimal(),14:0.##} {l.GetProperty("max").GetDecimal(),14:0.##} {l.GetProperty("remaining_percent").GetDouble(),6:0}%"));
            }
        }
    }

    private static void PrintOrders(JsonElement orders)
    {
        Console.WriteLine($"{"order",-20} {"instrument",-18} {"side",-4} {"product",-7} {"type",-6} {"qty",7} {"filled",7} {"avg",10} {"state",-14} {"broker",-14} {"broker id",-16}");
        foreach (var o in orders.EnumerateArray())
        {
            ulong broker = o.GetProperty("broker_order_id").GetUInt64();
            string type = o.GetProperty("order_type").GetString() switch { "stop_loss" => "SL", "stop_loss_market" => "SL-M", var t => t!.ToUpperInvariant() };
            Console.WriteLine(string.Create(Inv, $"{o.GetProperty("client_order_id").GetUInt64(),-20} {o.GetProperty("instrument").GetString(),-18} {o.GetProperty("side").GetString()!.ToUpperInvariant(),-4} {o.GetProperty("product").GetString()!.ToUpperInvariant(),-7} {type,-6} {o.GetProperty("quantity").GetInt64(),7} {o.GetProperty("filled").GetInt64(),7} {o.GetProperty("average_price").GetDecimal(),10:0.00} {o.GetProperty("state").GetString(),-14} {o.GetProperty("broker_status").GetString(),-14} {(broker == 0 ? "-" : broker.ToString(Inv)),-16}"));
        }
    }
}
