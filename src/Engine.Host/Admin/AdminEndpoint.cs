using System.Net;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Time;
using Engine.Host.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Admin;

/// <summary>
/// The operator's loopback HTTP endpoint: <c>GET /status</c> (JSON), <c>GET /positions</c>, <c>GET /orders</c>
/// (open ones and the latest finished), <c>GET /risk</c> (trading state, P&amp;L and every limit's distance),
/// <c>GET /metrics</c> (Prometheus), <c>POST /kill-switch</c>,
/// <c>POST /resume</c>, <c>POST /flatten</c> (cancel every open order and close every position), <c>POST /halt</c> and
/// <c>POST /reduce</c> (the trading state: nothing new, or reducing orders only, until resume), and
/// <c>POST /rules</c> (a new risk rule set, risk.yaml's form in the body). Commands enter the ring as inputs (and so the journal), never as a flag
/// flipped behind the pipeline's back. Listens on 127.0.0.1 only, or (and) on a Unix domain socket
/// only its owner may open (0600), which no browser can reach; every request needs the bearer
/// token (<see cref="AdminToken"/>), and none that a web page can send is honoured.
/// </summary>
public sealed partial class AdminEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminEndpoint(WebApplication app, int? port, string? socket)
    {
        _app = app;
        Port = port;
        SocketPath = socket;
    }

    /// <summary>The loopback port it listens on, if any.</summary>
    public int? Port { get; }

    /// <summary>The Unix domain socket it listens on, if any.</summary>
    public string? SocketPath { get; }

    /// <summary>Where a client finds it: the socket as <c>unix:PATH</c> when there is one, else the loopback URL.</summary>
    public Uri Url => SocketPath is { } path ? new Uri("unix:" + path) : new Uri($"http://127.0.0.1:{Port}/");

    /// <summary>Starts listening on loopback <paramref name="port"/> (0: any free port) and/or the Unix domain socket <paramref name="socket"/>.</summary>
    public static async Task<AdminEndpoint> StartAsync(int? port, string? socket, AdminToken token, Func<EngineStatus> status, InputPublisher inputs, ILoggerFactory loggerFactory, Func<string, RuleSetChange>? ruleSet = null, Func<IReadOnlyList<OrderReport>>? orders = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (port is null && socket is null)
        {
            throw new ArgumentException("the admin endpoint needs a port or a socket");
        }

        var logger = loggerFactory.CreateLogger("Engine.Admin");
        if (socket is not null)
        {
            AdminSocket.ClearStale(socket);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(k =>
        {
            if (port is { } p)
            {
                k.Listen(IPAddress.Loopback, p);
            }

            if (socket is not null)
            {
                k.ListenUnixSocket(socket);
            }
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // Nothing a browser page can send: a cross-site request carries Origin (or says so in
            // Sec-Fetch-Site), and no page can add our Authorization header without a CORS
            // pre-flight this endpoint never answers.
            var headers = context.Request.Headers;
            string site = headers["Sec-Fetch-Site"].ToString();
            if (headers.ContainsKey("Origin") || site is "cross-site" or "same-site")
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = "requests from web pages are refused" }).ConfigureAwait(false);
                return;
            }

            if (!token.Accepts(headers.Authorization.ToString()))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new { error = $"send Authorization: Bearer <the token in {token.File}>; engine ctl does" }).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/status", () => Results.Json(status()));
        app.MapGet("/positions", () => Results.Json(new { positions = status().Risk?.Positions ?? [] }));
        app.MapGet("/risk", () => status().Risk is { } risk ? Results.Json(risk) : Results.Json(new { error = "the pipeline has not started" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/orders", () => Results.Json(new { orders = orders?.Invoke() ?? [] }));
        var metrics = new EngineMetrics(status);
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        app.MapPost("/kill-switch", (HttpRequest request) => Command(inputs, CommandKind.KillSwitch, request, logger));
        app.MapPost("/resume", (HttpRequest request) => Command(inputs, CommandKind.Resume, request, logger));
        app.MapPost("/flatten", (HttpRequest request) => Command(inputs, CommandKind.Flatten, request, logger));
        app.MapPost("/halt", (HttpRequest request) => Command(inputs, CommandKind.Halt, request, logger));
        app.MapPost("/reduce", (HttpRequest request) => Command(inputs, CommandKind.Reduce, request, logger));
        if (ruleSet is not null)
        {
            app.MapPost("/rules", async (HttpRequest request) => await RulesAsync(inputs, ruleSet, request, logger).ConfigureAwait(false));
        }
        await app.StartAsync().ConfigureAwait(false);
        if (socket is not null)
        {
            AdminSocket.RestrictToOwner(socket);
        }

        int? bound = port is null ? null : new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://127.", StringComparison.Ordinal))).Port;
        var endpoint = new AdminEndpoint(app, bound, socket);
        token.WriteEndpoint(endpoint.Url);
        if (bound is { } tcp)
        {
            var loopback = new Uri($"http://127.0.0.1:{tcp}/");
            Log.Listening(logger, loopback);
        }

        if (socket is not null)
        {
            Log.ListeningOnSocket(logger, socket);
        }

        return endpoint;
    }

    private static IResult Command(InputPublisher inputs, CommandKind command, HttpRequest request, ILogger logger)
    {
        string reason = request.Query["reason"].ToString();
        string source = $"admin endpoint{(reason.Length > 0 ? ": " + reason : "")}";
        long sequence = inputs.PublishCommand(command, 0, System.Text.Encoding.UTF8.GetBytes(source), UnixTime.NowNanoseconds());
        Log.Command(logger, command, sequence, source);
        string name = command switch
        {
            CommandKind.KillSwitch => "kill-switch",
            CommandKind.Flatten => "flatten",
            CommandKind.Halt => "halt",
            CommandKind.Reduce => "reduce",
            _ => "resume",
        };
        return Results.Json(new { command = name, input_sequence = sequence });
    }

    // A new rule set (risk.yaml's form, in the body): checked here, so only a valid set enters the
    // ring, as a command carrying it whole; it is in force from that input on, and replays so.
    private static async Task<IResult> RulesAsync(InputPublisher inputs, Func<string, RuleSetChange> ruleSet, HttpRequest request, ILogger logger)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        string yaml = await reader.ReadToEndAsync().ConfigureAwait(false);
        var change = ruleSet(yaml);
        if (change.Json is null)
        {
            return Results.Json(new { error = "the rule set was refused; the rules in force stay", problems = change.Problems }, statusCode: 400);
        }

        long sequence = inputs.PublishCommand(CommandKind.Rules, change.Version, change.Json, UnixTime.NowNanoseconds());
        Log.Command(logger, CommandKind.Rules, sequence, $"admin endpoint: rule set version {change.Version}");
        return Results.Json(new { command = "rules", version = change.Version, input_sequence = sequence });
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "admin endpoint listening on {Url} (GET status, positions, orders, risk, metrics; POST kill-switch, resume, flatten, halt, reduce, rules)")]
        public static partial void Listening(ILogger logger, Uri url);

        [LoggerMessage(Level = LogLevel.Information, Message = "admin endpoint listening on unix:{Path} (mode 0600; the same requests, the same token)")]
        public static partial void ListeningOnSocket(ILogger logger, string path);

        [LoggerMessage(Level = LogLevel.Warning, Message = "operator command {Command} entered the ring as input {Sequence} ({Source})")]
        public static partial void Command(ILogger logger, CommandKind command, long sequence, string source);
    }
}
