using System.Security.Cryptography;
using System.Text;
using BatchExporter.Options;
using Microsoft.Extensions.Options;

namespace BatchExporter.Hosting;

/// <summary>
/// When <c>Exporter:Web</c> asks for it, answers 401 to requests for <c>/metrics</c> and <c>/</c> that lack the
/// configured bearer token or basic credentials. The secret files are read per request, so they rotate without a
/// restart; comparisons take constant time. <c>/healthz</c>, <c>/readyz</c> and <c>/synced</c> stay open for probes.
/// </summary>
internal sealed class ScrapeAuthenticationMiddleware(RequestDelegate next, IOptions<ExporterOptions> options)
{
    private readonly WebOptions _web = options.Value.Web;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var guarded = path == "/metrics" || path == "/";
        if (!guarded || Authorized(context.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = _web.BearerTokenFile is not null ? "Bearer" : "Basic realm=\"anthropic-batch-exporter\"";
        return Task.CompletedTask;
    }

    private bool Authorized(string header)
    {
        if (_web.BearerTokenFile is { } tokenFile)
        {
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && FixedTimeEquals(header["Bearer ".Length..].Trim(), ReadSecret(tokenFile));
        }

        if (_web.BasicAuthUsername is { } user)
        {
            return header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                && FixedTimeEquals(header["Basic ".Length..].Trim(), Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{ReadSecret(_web.BasicAuthPasswordFile!)}")));
        }

        return true;
    }

    private static string ReadSecret(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return Guid.NewGuid().ToString(); // unreadable: nothing matches
        }
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
