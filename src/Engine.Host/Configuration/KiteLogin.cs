using System.Globalization;
using System.Net;
using Engine.Core.Time;
using Engine.Kite.Rest;

namespace Engine.Host.Configuration;

/// <summary>
/// The daily Kite login: the login URL for the operator's browser, the redirect with its
/// <c>request_token</c> caught on a loopback listener (or the token pasted), the exchange for the
/// access token (the SHA-256 checksum, never the secret, goes over the wire), and the token stored
/// with its expiry, 06:00 IST the next day, in the credentials file (mode 0600).
/// </summary>
public static class KiteLogin
{
    /// <summary>Kite's login page for <paramref name="apiKey"/>.</summary>
    public static Uri LoginUrl(string apiKey) => new($"https://kite.zerodha.com/connect/login?v=3&api_key={Uri.EscapeDataString(apiKey)}");

    /// <summary>When a token issued at <paramref name="issued"/> expires: 06:00 IST the next morning (or this morning, before 06:00).</summary>
    public static DateTimeOffset ExpiryOf(DateTimeOffset issued)
    {
        var ist = issued.ToOffset(UnixTime.IstOffset);
        var six = new DateTimeOffset(ist.Year, ist.Month, ist.Day, 6, 0, 0, UnixTime.IstOffset);
        return ist < six ? six : six.AddDays(1);
    }

    /// <summary>Waits on 127.0.0.1:<paramref name="port"/> for Kite's redirect and returns its request_token.</summary>
    public static async Task<string> CatchRedirectAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        while (true)
        {
            var context = await listener.GetContextAsync().WaitAsync(timer.Token).ConfigureAwait(false);
            string? token = context.Request.QueryString["request_token"];
            bool ok = token is { Length: > 0 } && context.Request.QueryString["status"] is null or "success";
            byte[] page = System.Text.Encoding.UTF8.GetBytes(ok ? "Logged in: the engine has the request token. You can close this tab." : "No request_token in this request; log in again from the URL the engine printed.");
            context.Response.StatusCode = ok ? 200 : 400;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(page, timer.Token).ConfigureAwait(false);
            context.Response.Close();
            if (ok)
            {
                return token!;
            }
        }
    }

    /// <summary>Exchanges <paramref name="requestToken"/> at <paramref name="restUrl"/> and stores the access token in <paramref name="credentialsFile"/>; returns its expiry.</summary>
    public static async Task<DateTimeOffset> ExchangeAndStoreAsync(Uri restUrl, string apiKey, string apiSecret, string requestToken, string credentialsFile, CancellationToken cancellationToken)
    {
        using var client = new KiteRestClient(new KiteRestOptions { BaseUrl = restUrl, ApiKey = apiKey, AccessToken = "" });
        var session = (await client.CreateSessionAsync(requestToken, apiSecret, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var expires = ExpiryOf(DateTimeOffset.UtcNow);
        Store(credentialsFile, apiKey, apiSecret, session.AccessToken, expires);
        return expires;
    }

    /// <summary>Writes the credentials file afresh (mode 0600 before anything is in it), then moves it into place.</summary>
    public static void Store(string file, string apiKey, string apiSecret, string accessToken, DateTimeOffset expires) =>
        OwnerOnlyFile.Write(file,
        [
            "# Kite credentials, written by engine login; mode 0600. The access token expires at KITE_TOKEN_EXPIRES.",
            $"KITE_API_KEY={apiKey}",
            $"KITE_API_SECRET={apiSecret}",
            $"KITE_ACCESS_TOKEN={accessToken}",
            $"KITE_TOKEN_EXPIRES={expires.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}",
        ]);
}
