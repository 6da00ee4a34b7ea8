using BatchExporter.Options;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>
/// The table of observable families: the state of tracked batches (from the last successful sync) and the
/// exporter's own health. Adding a metric is adding an entry.
/// </summary>
internal static class StateMetricFamilies
{
    private const string FromLastSync = " From the last successful background sync.";

    public static IReadOnlyList<MetricFamily> Build(ExporterOptions options)
    {
        var thresholds = options.ExpiringWithin.Select(t => (Within: t, Label: PrometheusDuration.Format(t))).ToArray();
        return
        [
            new("anthropic_batches", null,
                "Message batches in the lookback window by processing_status." + FromLastSync,
                (s, _) => Synced(s, l => l.BatchesByStatus.Select(kv => new Sample(kv.Value, "processing_status", kv.Key)))),
            new("anthropic_batch_requests", null,
                "Requests of tracked batches by state (sum of request_counts)." + FromLastSync,
                (s, _) => Synced(s, l => RequestStates(l.Requests))),
            new("anthropic_batches_expiring", null,
                "Batches not yet ended whose expires_at is within the threshold in the within label, evaluated at scrape time over the last successful background sync.",
                (s, now) => Synced(s, l => thresholds.Select(t => new Sample(l.CountExpiringBy(now + t.Within), "within", t.Label)))),
            new("anthropic_batch_oldest_active_created_timestamp", "s",
                "created_at of the oldest batch not yet ended (absent when none)." + FromLastSync,
                (s, _) => Synced(s, l => l.OldestActiveCreatedAt is { } t ? [new Sample(Seconds(t))] : [])),
            new("anthropic_batch_exporter_up", null,
                "1 if the last sync of this workspace succeeded, else 0.",
                (s, _) => [new Sample(s.Up ? 1 : 0)]),
            new("anthropic_batch_exporter_last_success_timestamp", "s",
                "End of the last successful sync (absent before the first).",
                (s, _) => s.LastSuccessAt is { } t ? [new Sample(Seconds(t))] : []),
            new("anthropic_batch_exporter_tracked_batches", null,
                "Batches held in memory for this workspace." + FromLastSync,
                (s, _) => Synced(s, l => [new Sample(l.Tracked)])),
            new("anthropic_batch_exporter_batch_series_overflow", null,
                "Batches not yet ended that get no per-batch series because of Exporter:MaxBatchSeries." + FromLastSync,
                (s, _) => Synced(s, l => [new Sample(l.PerBatchSeriesOverflow)])),
        ];
    }

    public static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static IEnumerable<Sample> Synced(SourceStatus status, Func<LedgerSnapshot, IEnumerable<Sample>> samples) =>
        status.LastSuccessAt is null ? [] : samples(status.Ledger);

    private static IEnumerable<Sample> RequestStates(RequestTotals r) =>
    [
        new(r.Processing, "state", "processing"),
        new(r.Succeeded, "state", "succeeded"),
        new(r.Errored, "state", "errored"),
        new(r.Canceled, "state", "canceled"),
        new(r.Expired, "state", "expired"),
    ];
}
