namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>The state of tracked batches (<c>BatchFamilies</c>): exact exposition from hand-built snapshots.</summary>
public sealed class BatchFamiliesGoldenTests
{
    private const string FromLastSync = " From the last successful background sync.";

    public static TheoryData<string, string> Families => new()
    {
        {
            "anthropic_batches",
            $$"""
            # TYPE anthropic_batches gauge
            # HELP anthropic_batches Message batches in the lookback window by processing_status.{{FromLastSync}}
            anthropic_batches{processing_status="in_progress",workspace="ws"} 1
            anthropic_batches{processing_status="canceling",workspace="ws"} 1
            anthropic_batches{processing_status="ended",workspace="ws"} 1
            anthropic_batches{processing_status="paused",workspace="ws"} 1
            """
        },
        {
            "anthropic_batch_requests",
            $$"""
            # TYPE anthropic_batch_requests gauge
            # HELP anthropic_batch_requests Requests of tracked batches by state (sum of request_counts).{{FromLastSync}}
            anthropic_batch_requests{state="processing",workspace="ws"} 16
            anthropic_batch_requests{state="succeeded",workspace="ws"} 5
            anthropic_batch_requests{state="errored",workspace="ws"} 2
            anthropic_batch_requests{state="canceled",workspace="ws"} 0
            anthropic_batch_requests{state="expired",workspace="ws"} 1
            """
        },
        {
            "anthropic_batches_expiring",
            """
            # TYPE anthropic_batches_expiring gauge
            # HELP anthropic_batches_expiring Batches not yet ended whose expires_at is within the threshold in the within label, evaluated at scrape time over the last successful background sync.
            anthropic_batches_expiring{within="1h",workspace="ws"} 1
            anthropic_batches_expiring{within="22h30m",workspace="ws"} 2
            """
        },
        {
            "anthropic_batch_oldest_active_created_timestamp_seconds",
            $$"""
            # TYPE anthropic_batch_oldest_active_created_timestamp_seconds gauge
            # HELP anthropic_batch_oldest_active_created_timestamp_seconds created_at of the oldest batch not yet ended (absent when none).{{FromLastSync}}
            anthropic_batch_oldest_active_created_timestamp_seconds{workspace="ws"} 1793536200
            """
        },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Scrape_SyncedWorkspace_ExactFamily(string family, string expected)
    {
        await using var scrape = CatalogueScrape.Start(o => o.ExpiringWithin = [TimeSpan.FromHours(1), TimeSpan.FromHours(22.5)]);
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1000, Batches.Running, Batches.Canceling, Batches.Paused, Batches.Expired));

        Assert.Equal(CatalogueScrape.Expected(expected), CatalogueScrape.Family(await scrape.ScrapeAsync(), family));
    }

    [Fact]
    public async Task Scrape_ExpiringWithin_MovesWithTheClockBetweenSyncs()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1000, Batches.Running, Batches.Canceling));
        scrape.Time.Advance(TimeSpan.FromHours(16.5)); // Running now expires in 5 h 30 min

        Assert.Equal(
            CatalogueScrape.Expected("""
                anthropic_batches_expiring{within="1h",workspace="ws"} 1
                anthropic_batches_expiring{within="6h",workspace="ws"} 2
                """),
            CatalogueScrape.Family(await scrape.ScrapeAsync(), "anthropic_batches_expiring").Split('\n').Where(l => !l.StartsWith('#')).Aggregate((a, b) => a + "\n" + b));
    }

    [Fact]
    public async Task Scrape_NothingActive_NoOldestActiveAndZeroCounts()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("ws", 1000, Batches.Expired));
        var text = await scrape.ScrapeAsync();

        Assert.DoesNotContain("anthropic_batch_oldest_active_created_timestamp_seconds{", text, StringComparison.Ordinal);
        Assert.Contains("anthropic_batches_expiring{within=\"6h\",workspace=\"ws\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("anthropic_batches{processing_status=\"in_progress\",workspace=\"ws\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_BeforeFirstSuccessfulSync_NoBatchState()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(new BatchExporter.Sync.SourceStatus("ws") { Attempts = 1, Up = false });
        var text = await scrape.ScrapeAsync();

        foreach (var family in new[] { "anthropic_batches", "anthropic_batch_requests", "anthropic_batches_expiring", "anthropic_batch_oldest_active_created_timestamp_seconds" })
        {
            Assert.DoesNotContain(family + "{", text, StringComparison.Ordinal);
        }

        Assert.Contains("anthropic_up{workspace=\"ws\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_TwoWorkspaces_EachSeriesCarriesItsOwn()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Store.Publish(CatalogueScrape.Synced("a", 1000, Batches.Running));
        scrape.Store.Publish(CatalogueScrape.Synced("b", 1000, Batches.Running, Batches.Paused));
        var text = await scrape.ScrapeAsync();

        Assert.Contains("anthropic_batch_requests{state=\"processing\",workspace=\"a\"} 10\n", text, StringComparison.Ordinal);
        Assert.Contains("anthropic_batch_requests{state=\"processing\",workspace=\"b\"} 12\n", text, StringComparison.Ordinal);
    }
}
