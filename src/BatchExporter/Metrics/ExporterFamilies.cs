using BatchExporter.Api;
using BatchExporter.Sync;

namespace BatchExporter.Metrics;

/// <summary>The exporter's own health: per workspace (syncs, API attempts) and for the whole process.</summary>
internal static class ExporterFamilies
{
    public static readonly double[] SyncDurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    public static readonly IReadOnlyList<MetricFamily> All =
    [
        new StateFamily(
            "anthropic_up", null,
            "1 if the last sync of this workspace with the Anthropic API succeeded, else 0.",
            [],
            (s, _) => [new Sample(s.Up ? 1 : 0)]),
        new StateFamily(
            "anthropic_batch_exporter_last_success_timestamp", "s",
            "End of the last successful sync (absent before the first).",
            [],
            (s, _) => s.LastSuccessAt is { } t ? [new Sample(BatchFamilies.Seconds(t))] : []),
        new StateFamily(
            "anthropic_batch_exporter_first_sync_listed_batches", null,
            "Batches listed so far by the first sync of this workspace (its progress while it runs; a first sync of 100,000 batches takes minutes at the default budget), then the number it listed.",
            [],
            (s, _) => s.FirstSyncListed is { } listed ? [new Sample(listed)] : []),
        new StateFamily(
            "anthropic_batch_exporter_tracked_batches", null,
            "Batches held in memory for this workspace." + BatchFamilies.FromLastSync,
            [],
            (s, _) => BatchFamilies.Synced(s, l => [new Sample(l.Tracked)])),
        new StateFamily(
            "anthropic_batch_exporter_batch_series_overflow", null,
            "Batches that get no per-batch series because of Exporter:MaxBatchSeries (not yet ended, and ended within Exporter:EndedSeriesWindow)." + BatchFamilies.FromLastSync,
            [],
            (s, _) => BatchFamilies.Synced(s, l => [new Sample(l.PerBatchSeriesOverflow)])),
        new EventFamily<SyncReport>(
            "anthropic_batch_exporter_sync_duration", MetricType.Histogram, "s",
            "Duration of syncs with the API, by kind (full, incremental).",
            ["kind"],
            r => [new Sample(r.Duration.TotalSeconds, r.Kind.ToLabel())])
        {
            Buckets = SyncDurationBuckets,
        },
        new EventFamily<SyncReport>(
            "anthropic_batch_exporter_sync_errors", MetricType.Counter, null,
            "Failed syncs by reason.",
            ["reason"],
            r => r.Failure is { } failure ? [new Sample(1, failure.ToLabel())] : [],
            StartAtZero: [.. SyncFailureReasonExtensions.All.Select(reason => new Sample(0, reason.ToLabel()))]),
        new EventFamily<ApiAttempt>(
            "anthropic_batch_exporter_api_requests", MetricType.Counter, null,
            "HTTP attempts made to the Anthropic API, retries included, by endpoint and HTTP status (or network/timeout).",
            ["endpoint", "code"],
            a => a.Code is { } code ? [new Sample(1, a.Endpoint, code)] : []),
        new EventFamily<ApiAttempt>(
            "anthropic_batch_exporter_api_response", MetricType.Counter, "By",
            "Bytes read from the Anthropic API in response bodies, by endpoint.",
            ["endpoint"],
            a => a.ResponseBytes > 0 ? [new Sample(a.ResponseBytes, a.Endpoint)] : []),
        new ProcessFamily(
            "anthropic_batch_exporter_build_info", MetricType.Gauge, null,
            "1, with the exporter's version, the git revision it was built from and the .NET runtime version as labels.",
            ["version", "revision", "runtime"],
            () => [new Sample(1, BuildInfo.Version, BuildInfo.Revision, BuildInfo.Runtime)]),
        new ProcessFamily(
            "process_resident_memory", MetricType.Gauge, "By",
            "Resident memory size in bytes.",
            [],
            () => [new Sample(ProcessStats.ResidentBytes())]),
        new ProcessFamily(
            "process_cpu", MetricType.Counter, "s",
            "Total user and system CPU time spent in seconds.",
            [],
            () => [new Sample(ProcessStats.CpuSeconds())]),
        new ProcessFamily(
            "process_start_time", MetricType.Gauge, "s",
            "Start time of the process since unix epoch in seconds.",
            [],
            () => [new Sample(ProcessStats.StartTimeSeconds)]),
        new ProcessFamily(
            "process_open_fds", MetricType.Gauge, null,
            "Number of open file descriptors (Linux only).",
            [],
            () => ProcessStats.OpenFds() is { } n ? [new Sample(n)] : []),
        new ProcessFamily(
            "process_max_fds", MetricType.Gauge, null,
            "Maximum number of open file descriptors (Linux only).",
            [],
            () => ProcessStats.MaxFds() is { } n ? [new Sample(n)] : []),
    ];
}
