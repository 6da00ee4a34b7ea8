using System.Text;
using System.Text.RegularExpressions;
using BatchExporter.Hosting;
using BatchExporter.Metrics;
using BatchExporter.Options;
using BatchExporter.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;

namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>
/// The catalogue's exposition without a host: the exporter's own metrics registration and <c>/metrics</c> pipeline over a
/// service provider, fed hand-built statuses and reports, scraped through a request delegate into exact text.
/// </summary>
internal sealed partial class CatalogueScrape : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero); // Unix 1793620800

    private readonly ServiceProvider _services;
    private readonly RequestDelegate _pipeline;

    private CatalogueScrape(ServiceProvider services, RequestDelegate pipeline)
    {
        _services = services;
        _pipeline = pipeline;
    }

    public SourceStatusStore Store => _services.GetRequiredService<SourceStatusStore>();

    public CatalogueMeter Meter => _services.GetRequiredService<CatalogueMeter>();

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public static CatalogueScrape Start(Action<ExporterOptions>? configure = null)
    {
        var options = new ExporterOptions { ExpiringWithin = [TimeSpan.FromHours(1), TimeSpan.FromHours(6)] };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddExporterMetrics(otlp: false);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<MeterProvider>();
        provider.GetRequiredService<CatalogueMeter>();
        var app = new ApplicationBuilder(provider);
        app.UseMetricsEndpoint();
        return new CatalogueScrape(provider, app.Build());
    }

    /// <summary>A source whose last sync succeeded at <see cref="Now"/> and listed exactly <paramref name="batches"/>.</summary>
    public static SourceStatus Synced(string workspace, int maxBatchSeries, params TrackedBatch[] batches)
    {
        var ledger = new BatchLedger();
        var listing = new SyncListing { ReachedEnd = true };
        foreach (var batch in batches.OrderByDescending(b => b.CreatedAt))
        {
            listing.Add(batch);
        }

        ledger.Apply(listing, DateTimeOffset.MinValue);
        return new SourceStatus(workspace) { Ledger = LedgerSnapshot.Build(ledger, maxBatchSeries, Now, TimeSpan.FromHours(1)), Up = true, Attempts = 1, LastSuccessAt = Now };
    }

    public async Task<string> ScrapeAsync()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "GET";
        context.Request.Path = "/metrics";
        using var body = new MemoryStream();
        context.Response.Body = body;
        await _pipeline(context);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    /// <summary>
    /// The lines of one family in <paramref name="exposition"/> (HELP, TYPE and samples, histogram series included), each
    /// sample's labels sorted by name and the lines sorted, as kube-state-metrics' tests compare them.
    /// </summary>
    public static string Family(string exposition, string name) =>
        string.Join('\n', exposition.Split('\n')
            .Where(line => line.StartsWith($"# HELP {name} ", StringComparison.Ordinal) || line.StartsWith($"# TYPE {name} ", StringComparison.Ordinal)
                || SampleName(line) is { } n && (n == name || n == name + "_bucket" || n == name + "_sum" || n == name + "_count"))
            .Select(Normalize)
            .Order(StringComparer.Ordinal));

    /// <summary>The expected text of a family, normalized like <see cref="Family"/>.</summary>
    public static string Expected(string text) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Normalize).Order(StringComparer.Ordinal));

    private static string? SampleName(string line) =>
        line.Length == 0 || line[0] == '#' ? null : line[..line.IndexOfAny(['{', ' '])];

    private static string Normalize(string line)
    {
        var open = line.IndexOf('{', StringComparison.Ordinal);
        if (line.StartsWith('#') || open < 0)
        {
            return line;
        }

        var close = line.LastIndexOf('}');
        var labels = LabelPair().Matches(line[(open + 1)..close]).Select(m => m.Value).Order(StringComparer.Ordinal);
        return $"{line[..open]}{{{string.Join(',', labels)}}}{line[(close + 1)..]}";
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""")]
    private static partial Regex LabelPair();
}
