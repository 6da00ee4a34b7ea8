using BatchExporter.Sync;

namespace BatchExporter.Tests.Metrics.Golden;

/// <summary>The outcome counters and histogram (<c>OutcomeFamilies</c>), fed by hand-built sync reports.</summary>
public sealed class OutcomeFamiliesGoldenTests
{
    private static readonly double[] DurationBuckets = [60, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200, 64800, 86400, 90000, 108000, 172800];

    [Fact]
    public async Task Scrape_FirstSyncSawNothingEnd_EveryReasonAndResultAtZero()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Full, TimeSpan.FromSeconds(1), null, []));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batches_ended_total counter
                # HELP anthropic_batches_ended_total Batches this process saw end, by reason (canceled, expired, completed). Batches already ended at the first sync are not counted.
                anthropic_batches_ended_total{reason="completed",workspace="ws"} 0
                anthropic_batches_ended_total{reason="canceled",workspace="ws"} 0
                anthropic_batches_ended_total{reason="expired",workspace="ws"} 0
                """),
            CatalogueScrape.Family(text, "anthropic_batches_ended_total"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_request_results_total counter
                # HELP anthropic_batch_request_results_total Requests of the batches this process saw end, by result.
                anthropic_batch_request_results_total{result="succeeded",workspace="ws"} 0
                anthropic_batch_request_results_total{result="errored",workspace="ws"} 0
                anthropic_batch_request_results_total{result="canceled",workspace="ws"} 0
                anthropic_batch_request_results_total{result="expired",workspace="ws"} 0
                """),
            CatalogueScrape.Family(text, "anthropic_batch_request_results_total"));
        Assert.Empty(CatalogueScrape.Family(text, "anthropic_batch_duration_seconds")); // a histogram appears with its first observation
    }

    [Fact]
    public async Task Scrape_BatchesSeenEnding_CountedOnceByReasonResultAndDuration()
    {
        await using var scrape = CatalogueScrape.Start();
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Full, TimeSpan.FromSeconds(1), null, []));
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Incremental, TimeSpan.FromSeconds(1), null, [Batches.Expired, Batches.Completed]));
        var text = await scrape.ScrapeAsync();

        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batches_ended_total counter
                # HELP anthropic_batches_ended_total Batches this process saw end, by reason (canceled, expired, completed). Batches already ended at the first sync are not counted.
                anthropic_batches_ended_total{reason="completed",workspace="ws"} 1
                anthropic_batches_ended_total{reason="canceled",workspace="ws"} 0
                anthropic_batches_ended_total{reason="expired",workspace="ws"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_batches_ended_total"));
        Assert.Equal(
            CatalogueScrape.Expected("""
                # TYPE anthropic_batch_request_results_total counter
                # HELP anthropic_batch_request_results_total Requests of the batches this process saw end, by result.
                anthropic_batch_request_results_total{result="succeeded",workspace="ws"} 8
                anthropic_batch_request_results_total{result="errored",workspace="ws"} 2
                anthropic_batch_request_results_total{result="canceled",workspace="ws"} 0
                anthropic_batch_request_results_total{result="expired",workspace="ws"} 1
                """),
            CatalogueScrape.Family(text, "anthropic_batch_request_results_total"));
        Assert.Equal(
            CatalogueScrape.Expected(
                """
                # TYPE anthropic_batch_duration_seconds histogram
                # HELP anthropic_batch_duration_seconds ended_at minus created_at of the batches this process saw end, by reason.
                """
                + Histogram("anthropic_batch_duration_seconds", "reason=\"expired\",workspace=\"ws\"", DurationBuckets, 86400)
                + Histogram("anthropic_batch_duration_seconds", "reason=\"completed\",workspace=\"ws\"", DurationBuckets, 600)),
            CatalogueScrape.Family(text, "anthropic_batch_duration_seconds"));
    }

    [Fact]
    public async Task Scrape_CanceledBatch_CountedAsCanceledWhateverItsResults()
    {
        await using var scrape = CatalogueScrape.Start();
        var canceled = new TrackedBatch("c", "ended", new BatchCounts(0, 1, 0, 3, 1), CatalogueScrape.Now.AddHours(-2), CatalogueScrape.Now.AddHours(22), CatalogueScrape.Now, CatalogueScrape.Now.AddHours(-1));
        scrape.Meter.OnSynced(new SyncReport("ws", SyncKind.Incremental, TimeSpan.FromSeconds(1), null, [canceled]));

        Assert.Contains("anthropic_batches_ended_total{reason=\"canceled\",workspace=\"ws\"} 1\n", await scrape.ScrapeAsync(), StringComparison.Ordinal);
    }

    /// <summary>The text of one histogram series with a single observation of <paramref name="value"/>.</summary>
    internal static string Histogram(string name, string labels, double[] buckets, double value)
    {
        var lines = buckets.Select(b => $"{name}_bucket{{{labels},le=\"{b.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"}} {(value <= b ? 1 : 0)}")
            .Append($"{name}_bucket{{{labels},le=\"+Inf\"}} 1")
            .Append($"{name}_sum{{{labels}}} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            .Append($"{name}_count{{{labels}}} 1");
        return "\n" + string.Join('\n', lines) + "\n";
    }
}
