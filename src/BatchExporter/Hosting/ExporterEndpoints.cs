using System.Globalization;
using System.Net;
using System.Text;
using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Hosting;

/// <summary>The HTTP surface: <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c>, <c>/synced</c> and a landing page at <c>/</c>.</summary>
internal static class ExporterEndpoints
{
    public static WebApplication MapExporterEndpoints(this WebApplication app)
    {
        app.UseMiddleware<ScrapeAuthenticationMiddleware>();
        app.UseMetricsEndpoint();

        app.MapGet("/healthz", () => Results.Text("ok\n"));
        // Readiness means serving: the last good state, or the not-yet-synced one with up = 0 and the first sync's
        // progress, so an install with 100,000 batches is ready in seconds, not after a first sync of minutes.
        app.MapGet("/readyz", (SourceStatusStore store) => Results.Text("ready\n" + SourceLines(store.All)));
        // For scripts that need data: 200 once every source has finished its first sync attempt, successful or not.
        app.MapGet("/synced", (SourceStatusStore store) => store.AllAttempted
            ? Results.Text("synced\n" + SourceLines(store.All))
            : Results.Text("first sync pending\n" + SourceLines(store.All), statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/", (SourceStatusStore store) => Results.Content(LandingPage(store.All), "text/html; charset=utf-8"));
        return app;
    }

    private static string SourceLines(IReadOnlyList<SourceStatus> sources)
    {
        var body = new StringBuilder();
        foreach (var s in sources)
        {
            body.Append(CultureInfo.InvariantCulture, $"{s.Workspace}: {State(s)}{(s.Up || s.Attempts == 0 ? string.Empty : " (" + s.LastFailure?.ToLabel() + ")")}\n");
        }

        return body.ToString();
    }

    /// <summary>up, down, or the first sync's progress.</summary>
    private static string State(SourceStatus s) => s.Attempts switch
    {
        0 when s.FirstSyncListed is { } listed => $"first sync in progress, {listed.ToString("N0", CultureInfo.InvariantCulture)} batches listed",
        0 => "first sync pending",
        _ => s.Up ? "up" : "down",
    };

    private static string LandingPage(IReadOnlyList<SourceStatus> sources)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Anthropic Batch Exporter</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;text-align:left}.down{color:#b00}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Anthropic Batch Exporter</h1><p>Version {WebUtility.HtmlEncode(BuildInfo.Version)}</p>")
            .Append("<p><a href=\"/metrics\">Metrics</a> · <a href=\"/healthz\">Health</a> · <a href=\"/readyz\">Readiness</a> · <a href=\"/synced\">First sync</a></p>")
            .Append("<table><tr><th>Workspace</th><th>Status</th><th>Last success (UTC)</th><th>Tracked batches</th><th>Not ended</th><th>Calls, last sync</th><th>Last error</th></tr>");
        foreach (var s in sources)
        {
            var state = State(s);
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(s.Up ? "up" : "down")}\"><td>{Encode(s.Workspace)}</td><td>{state}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{s.LastSuccessAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never"}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{s.Ledger.Tracked}</td><td>{s.Ledger.Active.Count}</td><td>{s.LastSyncCalls}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Encode(s.LastFailure is { } f ? $"{f}: {s.LastFailureMessage}" : string.Empty)}</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
