using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchExporter.Tests.Infrastructure;

/// <summary>
/// A list endpoint (<c>GET /v1/messages/batches</c>) on loopback that answers with the pages a test gives, in order,
/// and records each request's query: for list pages the simulator never serves (an empty page with
/// <c>has_more</c>, a page without <c>last_id</c>). After the last page it answers 500.
/// </summary>
internal sealed class ScriptedListApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _pages;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _queries = new();

    private ScriptedListApi(WebApplication app, IEnumerable<string> pages)
    {
        _app = app;
        _pages = new ConcurrentQueue<string>(pages);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets the query of each list request so far, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Queries => [.. _queries];

    public static async Task<ScriptedListApi> StartAsync(params string[] pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new ScriptedListApi(app, pages);
        app.MapGet("/v1/messages/batches", (HttpContext context) =>
        {
            api._queries.Enqueue(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
            return api._pages.TryDequeue(out var page)
                ? Microsoft.AspNetCore.Http.Results.Text(page, "application/json")
                : Microsoft.AspNetCore.Http.Results.Text("""{"type":"error","error":{"type":"api_error","message":"no more scripted pages"}}""", "application/json", statusCode: 500);
        });
        await app.StartAsync();
        api.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return api;
    }

    /// <summary>One batch of a list page, in the API's JSON, created <paramref name="minute"/> minutes after 2026-11-01T00:00Z.</summary>
    public static string Batch(string id, int minute, string status = "in_progress") =>
        $$"""{"id":"{{id}}","type":"message_batch","processing_status":"{{status}}","request_counts":{"processing":1,"succeeded":0,"errored":0,"canceled":0,"expired":0},"created_at":"2026-11-01T{{minute / 60:D2}}:{{minute % 60:D2}}:00Z","expires_at":"2026-11-02T00:00:00Z","ended_at":null}""";

    /// <summary>A list page of <paramref name="batches"/> (from <see cref="Batch"/>); <c>last_id</c> omitted when null.</summary>
    public static string Page(bool hasMore, string? lastId, params string[] batches) =>
        $$"""{"data":[{{string.Join(',', batches)}}],"has_more":{{(hasMore ? "true" : "false")}}{{(lastId is null ? "" : $",\"last_id\":\"{lastId}\"")}}}""";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
