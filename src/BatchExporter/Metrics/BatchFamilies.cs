using BatchExporter.Options;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>The state of a workspace's tracked batches, from the last successful sync (absent before the first).</summary>
internal static class BatchFamilies
{
    public const string FromLastSync = " From the last successful background sync.";

    public static IReadOnlyList<MetricFamily> Build(ExporterOptions options)
    {
        var thresholds = options.ExpiringWithin.Select(t => (Within: t, Label: PrometheusDuration.Format(t))).ToArray();
        return
        [
            new StateFamily(
                "anthropic_batches", null,
                "Message batches in the lookback window by processing_status." + FromLastSync,
                ["processing_status"],
                (s, _) => Synced(s, l => l.BatchesByStatus.Select(kv => new Sample(kv.Value, kv.Key)))),
            new StateFamily(
                "anthropic_batch_requests", null,
                "Requests of tracked batches by state (sum of request_counts)." + FromLastSync,
                ["state"],
                (s, _) => Synced(s, l => RequestStates(l.Requests))),
            new StateFamily(
                "anthropic_batches_expiring", null,
                "Batches not yet ended whose expires_at is within the threshold in the within label, evaluated at scrape time over the last successful background sync.",
                ["within"],
                (s, now) => Synced(s, l => thresholds.Select(t => new Sample(l.CountExpiringBy(now + t.Within), t.Label)))),
            new StateFamily(
                "anthropic_batch_oldest_active_created_timestamp", "s",
                "created_at of the oldest batch not yet ended (absent when none)." + FromLastSync,
                [],
                (s, _) => Synced(s, l => l.OldestActiveCreatedAt is { } t ? [new Sample(Seconds(t))] : [])),
        ];
    }

    /// <summary>Unix seconds, with milliseconds.</summary>
    public static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The samples of the last successful sync's snapshot; none before the first.</summary>
    public static IEnumerable<Sample> Synced(SourceStatus status, Func<LedgerSnapshot, IEnumerable<Sample>> samples) =>
        status.LastSuccessAt is null ? [] : samples(status.Ledger);

    private static IEnumerable<Sample> RequestStates(RequestTotals r) =>
    [
        new(r.Processing, "processing"),
        new(r.Succeeded, "succeeded"),
        new(r.Errored, "errored"),
        new(r.Canceled, "canceled"),
        new(r.Expired, "expired"),
    ];
}
