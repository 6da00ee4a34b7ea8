namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>The per-batch families (<c>PerBatchFamilies</c>): exact exposition, written after the OpenTelemetry part.</summary>
public sealed class PerBatchFamiliesGoldenTests
{
    private const string Scope = " Per batch not yet ended, or ended within Exporter:EndedSeriesWindow (each capped by Exporter:MaxBatchSeries per workspace). From the last successful background sync.";

    public static TheoryData<string, string> Families => new()
    {
        {
            "anthropic_batch_status",
            $$"""
            # HELP anthropic_batch_status State set of each batch's processing_status: 1 for the current one, 0 for the others.{{Scope}}
            # TYPE anthropic_batch_status gauge
            anthropic_batch_status{workspace="ws",batch_id="b_cancel",processing_status="in_progress"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_cancel",processing_status="canceling"} 1
            anthropic_batch_status{workspace="ws",batch_id="b_cancel",processing_status="ended"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_run",processing_status="in_progress"} 1
            anthropic_batch_status{workspace="ws",batch_id="b_run",processing_status="canceling"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_run",processing_status="ended"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_paused",processing_status="in_progress"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_paused",processing_status="canceling"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_paused",processing_status="ended"} 0
            anthropic_batch_status{workspace="ws",batch_id="b_paused",processing_status="paused"} 1
            """
        },
        {
            "anthropic_batch_created_timestamp_seconds",
            $$"""
            # HELP anthropic_batch_created_timestamp_seconds created_at of each batch.{{Scope}}
            # TYPE anthropic_batch_created_timestamp_seconds gauge
            anthropic_batch_created_timestamp_seconds{workspace="ws",batch_id="b_cancel"} 1793536200
            anthropic_batch_created_timestamp_seconds{workspace="ws",batch_id="b_run"} 1793613600
            anthropic_batch_created_timestamp_seconds{workspace="ws",batch_id="b_paused"} 1793617200
            """
        },
        {
            "anthropic_batch_expires_timestamp_seconds",
            $$"""
            # HELP anthropic_batch_expires_timestamp_seconds expires_at of each batch (created_at + 24 h).{{Scope}}
            # TYPE anthropic_batch_expires_timestamp_seconds gauge
            anthropic_batch_expires_timestamp_seconds{workspace="ws",batch_id="b_cancel"} 1793622600
            anthropic_batch_expires_timestamp_seconds{workspace="ws",batch_id="b_run"} 1793700000
            anthropic_batch_expires_timestamp_seconds{workspace="ws",batch_id="b_paused"} 1793703600
            """
        },
        {
            "anthropic_batch_request_count",
            $$"""
            # HELP anthropic_batch_request_count Number of requests in each batch.{{Scope}}
            # TYPE anthropic_batch_request_count gauge
            anthropic_batch_request_count{workspace="ws",batch_id="b_cancel"} 4
            anthropic_batch_request_count{workspace="ws",batch_id="b_run"} 10
            anthropic_batch_request_count{workspace="ws",batch_id="b_paused"} 2
            """
        },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Scrape_BatchesNotYetEnded_ExactFamily(string family, string expected)
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1000, Batches.Running, Batches.Canceling, Batches.Paused, Batches.Expired));

        Assert.Equal(CatalogueScrape.Expected(expected), CatalogueScrape.Family(await scrape.ScrapeAsync(), family));
    }

    [Fact]
    public async Task Scrape_BatchEndedWithinWindow_StatusEndedAndItsEndAndResults()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1000, Batches.Completed, Batches.Expired, Batches.Running));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # HELP anthropic_batch_ended_timestamp_seconds ended_at of each batch that ended within Exporter:EndedSeriesWindow. From the last successful background sync.
                # TYPE anthropic_batch_ended_timestamp_seconds gauge
                anthropic_batch_ended_timestamp_seconds{workspace="ws",batch_id="b_ok"} 1793617800
                """),
            CatalogueScrape.Family(text, "anthropic_batch_ended_timestamp_seconds"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # HELP anthropic_batch_ended_requests request_counts of each batch that ended within Exporter:EndedSeriesWindow, by result. From the last successful background sync.
                # TYPE anthropic_batch_ended_requests gauge
                anthropic_batch_ended_requests{workspace="ws",batch_id="b_ok",result="succeeded"} 3
                anthropic_batch_ended_requests{workspace="ws",batch_id="b_ok",result="errored"} 0
                anthropic_batch_ended_requests{workspace="ws",batch_id="b_ok",result="canceled"} 0
                anthropic_batch_ended_requests{workspace="ws",batch_id="b_ok",result="expired"} 0
                """),
            CatalogueScrape.Family(text, "anthropic_batch_ended_requests"));
        Assert.Contains("anthropic_batch_status{workspace=\"ws\",batch_id=\"b_ok\",processing_status=\"ended\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("anthropic_batch_request_count{workspace=\"ws\",batch_id=\"b_ok\"} 3\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("b_done", text, StringComparison.Ordinal); // ended 6 h ago: outside the 1 h window

        scrape.Time.Advance(TimeSpan.FromMinutes(10)); // b_ok ended 60 min ago: out at this scrape, without a sync
        Assert.DoesNotContain("b_ok", await scrape.ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_OverMaxBatchSeries_SoonestExpiryGetsSeriesRestCountedAsOverflow()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1, Batches.Running, Batches.Canceling, Batches.Paused));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # HELP anthropic_batch_request_count Number of requests in each batch. Per batch not yet ended, or ended within Exporter:EndedSeriesWindow (each capped by Exporter:MaxBatchSeries per workspace). From the last successful background sync.
                # TYPE anthropic_batch_request_count gauge
                anthropic_batch_request_count{workspace="ws",batch_id="b_cancel"} 4
                """),
            CatalogueScrape.Family(text, "anthropic_batch_request_count"));
        Assert.Contains("anthropic_batch_exporter_batch_series_overflow{workspace=\"ws\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_NoBatchWithSeries_HeadersOnly()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1000, Batches.Expired));

        Assert.Equal(
            CatalogueScrape.Expected("""
                # HELP anthropic_batch_created_timestamp_seconds created_at of each batch. Per batch not yet ended, or ended within Exporter:EndedSeriesWindow (each capped by Exporter:MaxBatchSeries per workspace). From the last successful background sync.
                # TYPE anthropic_batch_created_timestamp_seconds gauge
                """),
            CatalogueScrape.Family(await scrape.ScrapeAsync(), "anthropic_batch_created_timestamp_seconds"));
    }

    [Fact]
    public async Task Scrape_PerBatchSeriesOff_NoPerBatchFamilies()
    {
        await using var scrape = CatalogueScrape.Start(o => o.PerBatchSeries = false);
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 0, Batches.Running));
        var text = await scrape.ScrapeAsync();

        Assert.DoesNotContain("anthropic_batch_status", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anthropic_batch_request_count", text, StringComparison.Ordinal);
        Assert.Contains("anthropic_batch_exporter_batch_series_overflow{workspace=\"ws\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_LabelValuesNeedingEscapes_Escaped()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("a\"b\\c\nd", 1000, Batches.Running));

        Assert.Contains(
            "anthropic_batch_request_count{workspace=\"a\\\"b\\\\c\\nd\",batch_id=\"b_run\"} 10\n",
            await scrape.ScrapeAsync(),
            StringComparison.Ordinal);
    }
}
