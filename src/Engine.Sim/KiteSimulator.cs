using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Engine.Core.Instruments;
using Engine.Core.Market;
using Engine.Core.Time;
using Engine.Kite.Instruments;
using Engine.Sim.Exchange;
using Engine.Sim.Faults;
using Engine.Sim.Market;
using Engine.Sim.Ticker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Sim;

/// <summary>
/// A local stand-in for Kite on 127.0.0.1: the ticker WebSocket speaking Kite's binary protocol
/// (checking api_key and access_token like Kite), over a deterministic simulated market; Kite's
/// REST API with an exchange that matches orders against that market and sends order updates on
/// the ticker; the instruments list and fault controls over HTTP on the same port.
/// </summary>
public sealed partial class KiteSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, TickerSession> _sessions = new();
    private readonly ConcurrentQueue<(int Connection, Tick Tick)> _sent = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _nextSession;
    private long _connectionsAccepted;
    private long _handshakesRejected;
    private long _orderUpdatesSent;
    private long _orderUpdatesDropped;

    private KiteSimulator(WebApplication app, SimulatorOptions options, MarketTape tape, IReadOnlyList<Instrument> instruments, ILogger logger)
    {
        _app = app;
        _options = options;
        Tape = tape;
        Instruments = instruments;
        _logger = logger;
        Exchange = new SimExchange(tape.Models, options.Exchange);
        tape.Observer = Exchange;
        Exchange.OrderUpdate += Broadcast;
    }

    /// <summary>The exchange behind the REST order endpoints.</summary>
    public SimExchange Exchange { get; }

    /// <summary>Order updates sent on the ticker connections.</summary>
    public long OrderUpdatesSent => Interlocked.Read(ref _orderUpdatesSent);

    /// <summary>Order updates dropped by a fault.</summary>
    public long OrderUpdatesDropped => Interlocked.Read(ref _orderUpdatesDropped);

    /// <summary>The bound port.</summary>
    public int Port { get; private set; }

    /// <summary>The ticker URL, e.g. <c>ws://127.0.0.1:PORT/</c>.</summary>
    public Uri WebSocketUrl => new($"ws://127.0.0.1:{Port}/");

    /// <summary>The REST root, e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri RestUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>The line scripts wait for: <c>listening ws=... rest=...</c>.</summary>
    public string ListeningLine => $"listening ws={WebSocketUrl} rest={RestUrl}";

    /// <summary>The simulated market.</summary>
    public MarketTape Tape { get; }

    /// <summary>The instruments it quotes.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>Misbehaviour on demand.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Open ticker connections.</summary>
    public int OpenConnections => _sessions.Count;

    /// <summary>Ticker connections accepted since start.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Handshakes refused (bad credentials or the reject fault).</summary>
    public long HandshakesRejected => Interlocked.Read(ref _handshakesRejected);

    /// <summary>Ticks sent on open connections.</summary>
    public long TicksSent => _sessions.Values.Sum(s => s.TicksSent);

    /// <summary>With <see cref="SimulatorOptions.RecordSentTicks"/>: every tick sent, per connection, as its mode carried it.</summary>
    public IReadOnlyCollection<(int Connection, Tick Tick)> SentTicks => _sent;

    /// <summary>Loads the instruments, builds the market and starts listening.</summary>
    public static async Task<KiteSimulator> StartAsync(SimulatorOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var instruments = KiteInstrumentsCsv.Load(options.InstrumentsFile);
        if (instruments.Count == 0)
        {
            throw new InvalidOperationException($"Instruments file '{options.InstrumentsFile}' lists no instruments.");
        }

        var start = options.StartTime ?? TodayAtIst(new TimeOnly(9, 15));
        if (!(options.MarketSpeed > 0 && double.IsFinite(options.MarketSpeed)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MarketSpeed, "The market speed must be a positive number of market seconds per wall second.");
        }

        double marketTicksPerSecond = options.TicksPerSecond / options.MarketSpeed;
        var models = instruments.Select(i => new InstrumentModel(i, options.Seed, marketTicksPerSecond)).ToArray();
        var tape = new MarketTape(models, options.TicksPerSecond, start, options.TapeCapacity, options.MarketSpeed);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var simulator = new KiteSimulator(app, options, tape, instruments, loggerFactory.CreateLogger("Engine.Sim"));
        simulator.MapEndpoints();
        if (options.OrderChaosSeed is { } chaosSeed)
        {
            simulator.Faults.Chaos(OrderChaos.Standard(chaosSeed));
            Log.OrderChaos(simulator._logger, chaosSeed);
        }

        await SimRestApi.RehearseAsync(models, options, app.Services).ConfigureAwait(false);
        tape.Start();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        simulator.Port = new Uri(addresses.First()).Port;
        Log.Started(simulator._logger, simulator.Port, instruments.Count, options.TicksPerSecond, options.Seed, start);
        return simulator;
    }

    /// <summary>A time of day in IST, on today's IST date.</summary>
    public static DateTimeOffset TodayAtIst(TimeOnly time)
    {
        var today = DateTimeOffset.UtcNow.ToOffset(UnixTime.IstOffset);
        return new DateTimeOffset(DateOnly.FromDateTime(today.DateTime), time, UnixTime.IstOffset);
    }

    // Every connection is the one user's, so every connection gets the user's order updates.
    private void Broadcast(byte[] frame)
    {
        if (Faults.TakeDroppedUpdate())
        {
            Interlocked.Increment(ref _orderUpdatesDropped);
            return;
        }

        foreach (var session in _sessions.Values)
        {
            session.EnqueueText(frame);
        }

        Interlocked.Increment(ref _orderUpdatesSent);
    }

    private void MapEndpoints()
    {
        SimRestApi.Map(_app, Exchange, _options, Faults);
        _app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        _app.Map("/", HandleRootAsync);
        _app.MapGet("/instruments", (HttpContext context) =>
        {
            // Kite wants its headers here as on every other call.
            if (SimRestApi.Refusal(context, _options) is { } refused)
            {
                return refused;
            }

            using var writer = new StringWriter();
            KiteInstrumentsCsv.Write(writer, Instruments);
            return Results.Text(writer.ToString(), "text/csv", Encoding.UTF8);
        });
        var history = new Market.HistoricalCandles(_options.Seed);
        _app.MapGet("/instruments/historical/{token}/{interval}", (HttpContext context, uint token, string interval) =>
        {
            if (SimRestApi.Refusal(context, _options) is { } refused)
            {
                return refused;
            }

            if (history.RateLimited(System.Diagnostics.Stopwatch.GetTimestamp()))
            {
                return Results.Text(Encoding.UTF8.GetString(SimExchange.ErrorJson("NetworkException", "Too many requests")), "application/json", Encoding.UTF8, 429);
            }

            var instrument = Instruments.FirstOrDefault(i => i.InstrumentToken == token);
            if (instrument is null)
            {
                return Results.Text(Encoding.UTF8.GetString(SimExchange.ErrorJson("InputException", "invalid token")), "application/json", Encoding.UTF8, 400);
            }

            var (status, json) = history.Answer(instrument, interval, context.Request.Query["from"], context.Request.Query["to"], context.Request.Query["oi"] == "1");
            return Results.Text(json, "application/json", Encoding.UTF8, status);
        });
        SimControlApi.Map(_app, this, _options);
    }

    private async Task HandleRootAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await context.Response.WriteAsync("Kite simulator: connect a ticker WebSocket here with ?api_key=...&access_token=...\n").ConfigureAwait(false);
            return;
        }

        string? apiKey = context.Request.Query["api_key"];
        string? accessToken = context.Request.Query["access_token"];
        if (apiKey != _options.ApiKey || accessToken != _options.AccessToken || Faults.TakeHandshakeRejection())
        {
            Interlocked.Increment(ref _handshakesRejected);
            Log.Rejected(_logger, context.Connection.RemotePort);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { status = "error", message = "Incorrect `api_key` or `access_token`.", data = (object?)null, error_type = "TokenException" }).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        int id = Interlocked.Increment(ref _nextSession);
        Interlocked.Increment(ref _connectionsAccepted);
        Action<int, Tick>? record = _options.RecordSentTicks ? (connection, tick) => _sent.Enqueue((connection, tick)) : null;
        using var session = new TickerSession(id, socket, Tape, _options, Faults, record, _logger);
        _sessions[id] = session;
        Log.Accepted(_logger, id);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await session.RunAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _sessions.TryRemove(id, out _);
            Log.Closed(_logger, id, session.TicksSent);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        Tape.Dispose();
        _stopping.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "sim: listening on 127.0.0.1:{Port}: {Instruments} instruments at {Rate} ticks/s each, seed {Seed}, market time from {Start:yyyy-MM-dd HH:mm:ss zzz}")]
        public static partial void Started(ILogger logger, int port, int instruments, double rate, ulong seed, DateTimeOffset start);

        [LoggerMessage(Level = LogLevel.Information, Message = "sim: ticker connection {Connection} opened")]
        public static partial void Accepted(ILogger logger, int connection);

        [LoggerMessage(Level = LogLevel.Information, Message = "sim: ticker connection {Connection} closed after {Ticks} ticks")]
        public static partial void Closed(ILogger logger, int connection, long ticks);

        [LoggerMessage(Level = LogLevel.Warning, Message = "sim: refused a ticker handshake from port {Port} (wrong credentials or reject fault)")]
        public static partial void Rejected(ILogger logger, int port);

        [LoggerMessage(Level = LogLevel.Warning, Message = "sim: order chaos on (seed {Seed}): order requests are answered late, never, or with 503, and order updates are dropped, by chance")]
        public static partial void OrderChaos(ILogger logger, int seed);
    }
}
