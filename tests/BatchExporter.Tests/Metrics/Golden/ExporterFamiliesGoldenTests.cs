using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>The exporter's own families (<c>ExporterFamilies</c>): per-workspace health and the process families.</summary>
public sealed class ExporterFamiliesGoldenTests
{
    private static readonly double[] SyncBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    [Fact]
    public async Task Scrape_SyncedWorkspace_HealthFamilies()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1, Batches.Running, Batches.Canceling, Batches.Expired));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_up gauge
                # HELP anthropic_up 1 if the last sync of this workspace with the Anthropic API succeeded, else 0.
                anthropic_up{workspace="ws"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_up"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_last_success_timestamp_seconds gauge
                # HELP anthropic_batch_exporter_last_success_timestamp_seconds End of the last successful sync (absent before the first).
                anthropic_batch_exporter_last_success_timestamp_seconds{workspace="ws"} 1793620800
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_last_success_timestamp_seconds"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_tracked_batches gauge
                # HELP anthropic_batch_exporter_tracked_batches Batches held in memory for this workspace. From the last successful background sync.
                anthropic_batch_exporter_tracked_batches{workspace="ws"} 3
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_tracked_batches"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_batch_series_overflow gauge
                # HELP anthropic_batch_exporter_batch_series_overflow Batches that get no per-batch series because of Exporter:MaxBatchSeries (not yet ended, and ended within Exporter:EndedSeriesWindow). From the last successful background sync.
                anthropic_batch_exporter_batch_series_overflow{workspace="ws"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_batch_series_overflow"));
    }

    [Fact]
    public async Task Scrape_FirstSyncListing_ProgressWhileItRunsAbsentBefore()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(new SourceStatus("pending"));
        scrape.Store.Publish(new SourceStatus("listing") { FirstSyncListed = 3000 });

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_first_sync_listed_batches gauge
                # HELP anthropic_batch_exporter_first_sync_listed_batches Batches listed so far by the first sync of this workspace (its progress while it runs; a first sync of 100,000 batches takes minutes at the default budget), then the number it listed.
                anthropic_batch_exporter_first_sync_listed_batches{workspace="listing"} 3000
                """),
            CatalogueScrape.Family(await scrape.ScrapeAsync(), "anthropic_batch_exporter_first_sync_listed_batches"));
    }

    [Fact]
    public async Task Scrape_NeverSynced_UpZeroAndNoLastSuccess()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(new SourceStatus("ws"));
        var text = await scrape.ScrapeAsync();

        Assert.Contains("anthropic_up{workspace=\"ws\"} 0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic_batch_exporter_last_success_timestamp_seconds{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic_batch_exporter_tracked_batches{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_SyncsAndFailures_DurationsByKindAndErrorsByReasonFromZero()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Full, TimeSpan.FromSeconds(3), null, []));
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Incremental, TimeSpan.FromSeconds(0.2), SyncFailureReason.Auth, []));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected(
                """
                # TYPE anthropic_batch_exporter_sync_duration_seconds histogram
                # HELP anthropic_batch_exporter_sync_duration_seconds Duration of syncs with the API, by kind (full, incremental).
                """
                + OutcomeFamiliesGoldenTests.Histogram("anthropic_batch_exporter_sync_duration_seconds", "kind=\"full\",workspace=\"ws\"", SyncBuckets, 3)
                + OutcomeFamiliesGoldenTests.Histogram("anthropic_batch_exporter_sync_duration_seconds", "kind=\"incremental\",workspace=\"ws\"", SyncBuckets, 0.2)),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_sync_duration_seconds"));
        var errors = "# TYPE anthropic_batch_exporter_sync_errors_total counter\n# HELP anthropic_batch_exporter_sync_errors_total Failed syncs by reason.\n"
            + string.Join('\n', SyncFailureReasonExtensions.All.Select(r => $"anthropic_batch_exporter_sync_errors_total{{reason=\"{r.ToLabel()}\",workspace=\"ws\"}} {(r == SyncFailureReason.Auth ? 1 : 0)}"));
        Assert.Equal(CatalogueScrape.Expected(errors), CatalogueScrape.Family(text, "anthropic_batch_exporter_sync_errors_total"));
        Assert.Contains("anthropic_batch_exporter_sync_errors_total{reason=\"pagination_loop\",workspace=\"ws\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_ApiAttempts_CountedByEndpointAndCode()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Meter.OnAttempt(new ApiAttempt("ws", "list", "200"));
        scrape.Meter.OnAttempt(new ApiAttempt("ws", "list", "200"));
        scrape.Meter.OnAttempt(new ApiAttempt("ws", "list", "429"));
        scrape.Meter.OnAttempt(new ApiAttempt("other", "results", "network"));

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_api_requests_total counter
                # HELP anthropic_batch_exporter_api_requests_total HTTP attempts made to the Anthropic API, retries included, by endpoint and HTTP status (or network/timeout).
                anthropic_batch_exporter_api_requests_total{code="200",endpoint="list",workspace="ws"} 2
                anthropic_batch_exporter_api_requests_total{code="429",endpoint="list",workspace="ws"} 1
                anthropic_batch_exporter_api_requests_total{code="network",endpoint="results",workspace="other"} 1
                """),
            CatalogueScrape.Family(await scrape.ScrapeAsync(), "anthropic_batch_exporter_api_requests_total"));
    }

    [Fact]
    public async Task Scrape_ApiResponseBytes_SummedByEndpointAttemptsNotCounted()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Meter.OnAttempt(new ApiAttempt("ws", "list", "200"));
        scrape.Meter.OnAttempt(ApiAttempt.Read("ws", "list", 4_000));
        scrape.Meter.OnAttempt(ApiAttempt.Read("ws", "list", 1_234));
        scrape.Meter.OnAttempt(ApiAttempt.Read("other", "results", 99));
        scrape.Meter.OnAttempt(new ApiAttempt("third", "list", "network")); // no response: no bytes series either
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_api_response_bytes_total counter
                # HELP anthropic_batch_exporter_api_response_bytes_total Bytes read from the Anthropic API in response bodies, by endpoint.
                anthropic_batch_exporter_api_response_bytes_total{endpoint="list",workspace="ws"} 5234
                anthropic_batch_exporter_api_response_bytes_total{endpoint="results",workspace="other"} 99
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_api_response_bytes_total"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_exporter_api_requests_total counter
                # HELP anthropic_batch_exporter_api_requests_total HTTP attempts made to the Anthropic API, retries included, by endpoint and HTTP status (or network/timeout).
                anthropic_batch_exporter_api_requests_total{code="200",endpoint="list",workspace="ws"} 1
                anthropic_batch_exporter_api_requests_total{code="network",endpoint="list",workspace="third"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_api_requests_total"));
    }

    [Fact]
    public async Task Scrape_BuildInfo_VersionRevisionRuntimeWithoutWorkspace()
    {
        await using var scrape = CatalogueScrape.Start();
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected($$"""
                # TYPE anthropic_batch_exporter_build_info gauge
                # HELP anthropic_batch_exporter_build_info 1, with the exporter's version, the git revision it was built from and the .NET runtime version as labels.
                anthropic_batch_exporter_build_info{revision="{{BuildInfo.Revision}}",runtime="{{Environment.Version}}",version="{{BuildInfo.Version}}"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_batch_exporter_build_info"));
        Assert.Matches("^[0-9a-f]{40}$", BuildInfo.Revision); // built from a git clone: the commit
    }

    [Fact]
    public async Task Scrape_ProcessFamilies_StandardNamesNoWorkspaceLiveValues()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(new SourceStatus("ws"));
        var m = Infrastructure.Exposition.Parse(await scrape.ScrapeAsync());

        Assert.Equal("gauge", m.Types["process_resident_memory_bytes"]);
        Assert.Equal("counter", m.Types["process_cpu_seconds_total"]);
        Assert.Equal("gauge", m.Types["process_start_time_seconds"]);
        Assert.Equal("gauge", m.Types["process_open_fds"]);
        Assert.Equal("gauge", m.Types["process_max_fds"]);
        foreach (var name in new[] { "process_resident_memory_bytes", "process_cpu_seconds_total", "process_start_time_seconds", "process_open_fds", "process_max_fds" })
        {
            Assert.Empty(Assert.Single(m.Named(name)).Labels);
        }

        var rss = m.Value("process_resident_memory_bytes");
        Assert.InRange(rss, 10 * 1024 * 1024, 4L * 1024 * 1024 * 1024);
        Assert.True(m.Value("process_cpu_seconds_total") > 0);
        var started = DateTimeOffset.FromUnixTimeMilliseconds((long)(m.Value("process_start_time_seconds") * 1000));
        Assert.InRange(started, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow);
        Assert.InRange(m.Value("process_open_fds"), 3, m.Value("process_max_fds"));
    }
}
